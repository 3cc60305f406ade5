namespace Marketo.Extract.Records.Internal;

/// <summary>Hands out unique field names: a name already taken gets <c>_2</c>, <c>_3</c> and so on.</summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public string Reserve(string candidate)
    {
        if (_taken.Add(candidate))
        {
            return candidate;
        }

        for (var suffix = 2; ; suffix++)
        {
            var name = $"{candidate}_{suffix}";
            if (_taken.Add(name))
            {
                return name;
            }
        }
    }
}
