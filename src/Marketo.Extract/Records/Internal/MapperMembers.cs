using System.Diagnostics.CodeAnalysis;

namespace Marketo.Extract.Records.Internal;

/// <summary>What record mapping needs of a target type, and how it compares member and field names.</summary>
internal static class MapperMembers
{
    public const DynamicallyAccessedMemberTypes Required =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>Uppercases a name and drops underscores, so that <c>first_name</c> matches <c>FirstName</c>.</summary>
    public static string Normalize(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
