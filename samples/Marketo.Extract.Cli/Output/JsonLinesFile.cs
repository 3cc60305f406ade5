using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketo.Extract.Cli.Output;

/// <summary>The JSON writer settings of the JSON Lines files, the same as the library's <c>JsonLinesWriter</c>.</summary>
internal static class JsonLinesFile
{
    /// <summary>Compact JSON with non-ASCII text left as UTF-8; quotes and control characters are still escaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };
}
