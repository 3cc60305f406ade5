using System.Text;

namespace Marketo.Extract.Testing.Tests;

/// <summary>A strict RFC 4180 reader for checking export files; it fails on anything a conforming writer never emits.</summary>
internal static class CsvReader
{
    public static List<List<string>> Parse(string text, char delimiter = ',')
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i = ReadQuoted(text, i + 1, cell);
            }
            else
            {
                while (i < text.Length && text[i] != delimiter && text[i] != '\n')
                {
                    Assert.That(text[i], Is.Not.EqualTo('"').And.Not.EqualTo('\r'), $"unquoted special character at {i}");
                    cell.Append(text[i++]);
                }
            }

            row.Add(cell.ToString());
            cell.Clear();
            Assert.That(i, Is.LessThan(text.Length), "the file must end with LF");
            if (text[i] == '\n')
            {
                rows.Add(row);
                row = [];
            }

            i++;
        }

        return rows;
    }

    private static int ReadQuoted(string text, int i, StringBuilder cell)
    {
        while (true)
        {
            Assert.That(i, Is.LessThan(text.Length), "unterminated quoted cell");
            if (text[i] != '"')
            {
                cell.Append(text[i++]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                cell.Append('"');
                i += 2;
                continue;
            }

            return i + 1;
        }
    }
}
