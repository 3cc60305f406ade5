using System.Collections;

namespace Marketo.Extract.Records;

public sealed partial class MarketoRecord : IReadOnlyDictionary<string, object?>
{
    /// <summary>Gets the field names, in schema order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var schemaField in Schema.Fields)
            {
                yield return schemaField.Name;
            }
        }
    }

    /// <summary>Gets the values, in schema order.</summary>
    public IEnumerable<object?> Values => _values;

    /// <summary>Returns whether the schema has a field with the given name.</summary>
    /// <param name="key">The field name.</param>
    /// <returns><see langword="true"/> when the schema has a field of that name, even if its value is null.</returns>
    public bool ContainsKey(string key) => Schema.TryGetOrdinal(key, out _);

    /// <summary>Returns the fields as name and value pairs, in schema order.</summary>
    /// <returns>An enumerator of the pairs.</returns>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        var fields = Schema.Fields;
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(fields[i].Name, _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
