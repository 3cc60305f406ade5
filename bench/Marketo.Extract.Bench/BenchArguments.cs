using System.Globalization;

namespace Marketo.Extract.Bench;

/// <summary>The options of a command: <c>--name value</c> pairs, <c>--flag</c> switches and positional values.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _named = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static BenchArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(args[i]);
                continue;
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._named[args[i][2..]] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public bool Has(string name) => _named.ContainsKey(name);

    public string? GetString(string name) => _named.GetValueOrDefault(name);

    public int GetInt32(string name, int defaultValue)
    {
        if (!_named.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"--{name} is '{text}'; give a positive whole number.");
        }

        return value;
    }

    public int[] GetInt32List(string name, int[] defaultValue)
    {
        if (!_named.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        var values = new List<int>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new FormatException($"--{name} is '{text}'; give positive whole numbers separated by commas.");
            }

            values.Add(value);
        }

        return values.Count > 0 ? [.. values] : throw new FormatException($"--{name} needs at least one value.");
    }
}
