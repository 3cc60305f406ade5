using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>The result of an export engine operation: the job as JSON, or the Marketo error that rejected the call.</summary>
internal sealed record ExportOutcome(JsonObject? Job, string? ErrorCode = null, string? ErrorMessage = null)
{
    public static ExportOutcome Fail(string code, string message) => new(null, code, message);
}
