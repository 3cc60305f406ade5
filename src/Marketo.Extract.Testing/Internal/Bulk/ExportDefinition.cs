namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>The kind of records an export job writes.</summary>
internal enum ExportKind
{
    Leads,
    Activities,
}

/// <summary>A validated create request: what to export, in which format and columns.</summary>
internal sealed record ExportDefinition
{
    public required ExportKind Kind { get; init; }

    /// <summary>Gets <c>CSV</c>, <c>TSV</c> or <c>SSV</c>.</summary>
    public required string Format { get; init; }

    public required IReadOnlyList<string> Fields { get; init; }

    public required IReadOnlyDictionary<string, string> ColumnHeaderNames { get; init; }

    public LeadFilter? LeadFilter { get; init; }

    public ActivityFilter? ActivityFilter { get; init; }

    public char Delimiter => Format switch { "TSV" => '\t', "SSV" => ' ', _ => ',' };

    public string ContentType => Format switch
    {
        "TSV" => "text/tab-separated-values;charset=UTF-8",
        "SSV" => "text/plain;charset=UTF-8",
        _ => "text/csv;charset=UTF-8",
    };
}

/// <summary>The one filter of a lead export.</summary>
/// <param name="Kind">The filter member: <c>createdAt</c>, <c>updatedAt</c>, <c>staticListId</c> or <c>staticListName</c>.</param>
/// <param name="StartAt">The range start, inclusive, for date filters.</param>
/// <param name="EndAt">The range end, inclusive, for date filters.</param>
/// <param name="StaticListId">The list of a static-list filter.</param>
internal sealed record LeadFilter(string Kind, DateTimeOffset StartAt, DateTimeOffset EndAt, long StaticListId);

/// <summary>The filter of an activity export.</summary>
internal sealed record ActivityFilter(
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    IReadOnlySet<int>? ActivityTypeIds,
    IReadOnlySet<long>? PrimaryAttributeValueIds,
    IReadOnlySet<string>? PrimaryAttributeValues);
