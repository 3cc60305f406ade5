namespace Marketo.Extract;

/// <summary>The quota that ran out.</summary>
public enum MarketoQuotaKind
{
    /// <summary>The instance's daily REST call quota (Marketo code 607).</summary>
    DailyApiCalls,

    /// <summary>The instance's daily bulk export volume, 500 MB by default (Marketo code 1029).</summary>
    DailyExportVolume,

    /// <summary>The daily call budget this client was given in <see cref="MarketoClientOptions"/>.</summary>
    ClientCallBudget,
}
