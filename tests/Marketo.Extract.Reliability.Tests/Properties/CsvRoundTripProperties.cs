using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Reliability.Tests.Properties;

/// <summary>
/// Writes random tables of strings as RFC 4180 CSV and reads them back through the decoder: every cell must come
/// back as written, under the decoder's documented rules (NUL is dropped, and an empty cell reads as null).
/// </summary>
public class CsvRoundTripProperties
{
    /// <summary>Pieces that cells are built from: CSV syntax, line breaks, NUL, non-Latin and astral characters.</summary>
    private static readonly string[] Pieces =
        ["a", "Z", "7", " ", ",", "\"", "\"\"", "\r", "\n", "\r\n", "\u2028", "\u2029", "\0", "é", "中文", "Ж", "😀", "\t", "null "];

    private static readonly Gen<string> Cell =
        Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts));

    private static readonly Gen<string[][]> Tables =
        from columns in Gen.Choose(1, 6)
        from rows in Gen.Choose(0, 12)
        from cells in Cell.ArrayOf(columns).ArrayOf(rows)
        select cells;

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property AnyTable_WrittenPerRfc4180_ReadsBackExactly() =>
        Prop.ForAll(Tables.ToArbitrary(), table => ReadBack(table, quoteAll: false).SequenceEqual(Expected(table), RowComparer.Instance));

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property AnyTable_EveryCellQuoted_ReadsBackExactly() =>
        Prop.ForAll(Tables.ToArbitrary(), table => ReadBack(table, quoteAll: true).SequenceEqual(Expected(table), RowComparer.Instance));

    private static List<string?[]> ReadBack(string[][] table, bool quoteAll)
    {
        var columns = table.Length == 0 ? 1 : table[0].Length;
        var fields = Enumerable.Range(0, columns).Select(i => new LeadField { Name = "f" + i, DataType = "string" });
        var schema = RecordSchema.ForLeads(fields);
        var csv = new StringBuilder(string.Join(',', schema.Fields.Select(field => field.SourceName))).Append('\n');
        foreach (var row in table)
        {
            csv.AppendJoin(',', row.Select(cell => Quote(cell, quoteAll))).Append('\n');
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var records = new ExportCsvDecoder().ReadLeadsAsync(stream, schema).ToListAsync().AsTask().GetAwaiter().GetResult();
        return [.. records.Select(record => Enumerable.Range(0, columns).Select(i => (string?)record[i]).ToArray())];
    }

    private static string Quote(string cell, bool quoteAll) =>
        quoteAll || cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell.Length == 0
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;

    /// <summary>Applies the decoder's documented rules to what was written.</summary>
    private static IEnumerable<string?[]> Expected(string[][] table) =>
        table.Select(row => row.Select(cell => cell.Replace("\0", string.Empty, StringComparison.Ordinal))
            .Select(cell => cell.Length == 0 ? null : cell)
            .ToArray());

    private sealed class RowComparer : IEqualityComparer<string?[]>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(string?[]? x, string?[]? y) => x!.SequenceEqual(y!, StringComparer.Ordinal);

        public int GetHashCode(string?[] obj) => obj.Length;
    }
}
