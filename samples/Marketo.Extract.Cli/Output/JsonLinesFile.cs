using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marketo.Extract.Cli.Output;

/// <summary>
/// The JSON writer settings of the lines of campaigns, lists, programs and the other REST streams; leads and
/// activities are written by the library's <c>JsonLinesWriter</c>, which escapes only quotes, backslashes and
/// control characters.
/// </summary>
internal static class JsonLinesFile
{
    /// <summary>Compact JSON with non-ASCII text left as UTF-8; quotes and control characters are still escaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };
}
