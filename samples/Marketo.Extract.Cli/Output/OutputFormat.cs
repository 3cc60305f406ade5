namespace Marketo.Extract.Cli.Output;

/// <summary>The format of the stream files.</summary>
internal enum OutputFormat
{
    /// <summary>JSON Lines: one JSON object per record, <c>&lt;stream&gt;.jsonl</c>.</summary>
    Jsonl,

    /// <summary>RFC 4180 CSV with a header row, <c>&lt;stream&gt;.csv</c>; nested values are JSON text.</summary>
    Csv,
}
