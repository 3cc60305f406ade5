using System.Text;

namespace Marketo.Extract.Internal;

/// <summary>Builds a URL query from name and value pairs, escaping every value and leaving out unset ones.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    /// <summary>Appends <c>name=value</c> with the value escaped; a <see langword="null"/> or empty value is left out.</summary>
    public QueryBuilder Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        return AddEscaped(name, Uri.EscapeDataString(value));
    }

    /// <summary>Appends <c>name=a,b</c>, escaping each value but keeping the commas that Marketo splits lists on.</summary>
    public QueryBuilder AddList(string name, IEnumerable<string> values) =>
        AddEscaped(name, string.Join(',', values.Select(Uri.EscapeDataString)));

    public override string ToString() => _query.ToString();

    private QueryBuilder AddEscaped(string name, string escapedValue)
    {
        if (_query.Length > 0)
        {
            _query.Append('&');
        }

        _query.Append(name).Append('=').Append(escapedValue);
        return this;
    }
}
