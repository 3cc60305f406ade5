using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>The JSON writer settings of JSON Lines output and of <see cref="MarketoRecord.ToString"/>.</summary>
internal static class JsonLinesFormat
{
    /// <summary>
    /// Compact output that leaves non-ASCII text as UTF-8. The relaxed encoder only skips the escaping that
    /// protects JSON embedded in HTML, which data files do not need; quotes and control characters are still
    /// escaped, so every line is valid JSON.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };
}
