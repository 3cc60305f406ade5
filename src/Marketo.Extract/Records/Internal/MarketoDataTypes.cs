using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>Maps Marketo dataType names to the parser and the CLR type of the typed value contract.</summary>
internal static class MarketoDataTypes
{
    public const string String = "string";
    public const string Integer = "integer";
    public const string DateTime = "datetime";

    /// <summary>The library's own type for fields that hold a JSON object, such as nested activity attributes.</summary>
    public const string Json = "json";

    public static FieldKind ToKind(string dataType) => dataType.ToUpperInvariant() switch
    {
        "INTEGER" or "SCORE" or "PERCENT" => FieldKind.Integer,
        "FLOAT" => FieldKind.Float,
        "CURRENCY" => FieldKind.Currency,
        "BOOLEAN" => FieldKind.Boolean,
        "DATE" => FieldKind.Date,
        "DATETIME" => FieldKind.DateTime,
        "JSON" => FieldKind.Json,
        _ => FieldKind.String,
    };

    public static Type ToClrType(FieldKind kind) => kind switch
    {
        FieldKind.Integer => typeof(long),
        FieldKind.Float => typeof(double),
        FieldKind.Currency => typeof(decimal),
        FieldKind.Boolean => typeof(bool),
        FieldKind.Date => typeof(DateOnly),
        FieldKind.DateTime => typeof(DateTimeOffset),
        FieldKind.Json => typeof(JsonElement),
        _ => typeof(string),
    };
}
