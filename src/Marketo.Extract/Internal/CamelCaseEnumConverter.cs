using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Internal;

/// <summary>Writes an enum as its camelCase name, the spelling Marketo uses for filter and field names.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public CamelCaseEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
