namespace Marketo.Extract.Models;

/// <summary>The kind of records a bulk export job extracts; it selects the <c>/bulk/v1/{kind}/export</c> path.</summary>
public enum BulkExportObject
{
    /// <summary>Leads (<c>/bulk/v1/leads/export</c>).</summary>
    Leads,

    /// <summary>Activities (<c>/bulk/v1/activities/export</c>).</summary>
    Activities,
}
