using System.Globalization;
using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Converts a record value to the type of a property or parameter, without losing information.
/// </summary>
/// <remarks>
/// Numbers convert between numeric types when the value fits exactly (a fraction never goes into an
/// integer, and a double goes into a decimal only when the decimal gives the same double back). The one
/// exception is <see cref="float"/>, which a caller picks for its smaller precision: a double converts to it
/// rounded. Instants and dates convert between <see cref="DateTimeOffset"/>, <see cref="DateTime"/> and
/// <see cref="DateOnly"/> when nothing is cut; any scalar converts to <see cref="string"/>; a string converts
/// to an enum or a <see cref="Guid"/> that it names. Null fits reference and nullable types only.
/// </remarks>
internal static class RecordValueConverter
{
    public static T Convert<T>(object? value, string fieldName, string target)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null)
        {
            if (default(T) is null)
            {
                return default!;
            }

            throw new InvalidCastException(
                $"Field '{fieldName}' is null, which does not fit {target} of type {typeof(T).Name}; "
                + $"declare it as {typeof(T).Name}? to accept missing values.");
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (TryConvert(value, type, out var converted))
        {
            return (T)converted;
        }

        throw new InvalidCastException(
            $"Field '{fieldName}' contains {Describe(value)}, which does not fit {target} of type {typeof(T).Name}.");
    }

    private static bool TryConvert(object value, Type type, out object converted)
    {
        converted = null!;
        if (type == typeof(string))
        {
            converted = ToText(value);
            return true;
        }

        if (IsNumeric(type))
        {
            return TryConvertNumber(value, type, out converted);
        }

        return TryConvertOther(value, type, out converted);
    }

    private static bool TryConvertNumber(object value, Type type, out object converted)
    {
        converted = null!;
        if (value is double or float)
        {
            var number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (type == typeof(float) || type == typeof(double))
            {
                converted = type == typeof(float) ? (float)number : number;
                return true;
            }

            if (type == typeof(decimal))
            {
                return TryConvertToDecimal(number, out converted);
            }

            return double.IsFinite(number) && Math.Floor(number) == number && TryChangeType(number, type, out converted);
        }

        if (value is long or decimal or int or short or byte or uint or ulong or ushort or sbyte)
        {
            var exact = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            var needsWhole = type != typeof(decimal) && type != typeof(double) && type != typeof(float);
            return (!needsWhole || decimal.Truncate(exact) == exact) && TryChangeType(exact, type, out converted);
        }

        return false;
    }

    private static bool TryConvertOther(object value, Type type, out object converted)
    {
        converted = null!;
        switch (value)
        {
            case DateTimeOffset instant when type == typeof(DateTime):
                converted = instant.UtcDateTime;
                return true;
            case DateTimeOffset instant when type == typeof(DateOnly) && instant.UtcDateTime.TimeOfDay == TimeSpan.Zero:
                converted = DateOnly.FromDateTime(instant.UtcDateTime);
                return true;
            case DateOnly date when type == typeof(DateTime):
                converted = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                return true;
            case DateOnly date when type == typeof(DateTimeOffset):
                converted = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return true;
            case string text when type.IsEnum:
                return Enum.TryParse(type, text, ignoreCase: true, out converted!)
                    && Enum.IsDefined(type, converted);
            case string text when type == typeof(Guid) && Guid.TryParse(text, out var guid):
                converted = guid;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Converts a double through its shortest round-trip text, because <see cref="System.Convert.ToDecimal(double)"/>
    /// keeps only 15 significant digits. Fails when the decimal would not give the same double back.
    /// </summary>
    private static bool TryConvertToDecimal(double number, out object converted)
    {
        converted = null!;
        if (!double.IsFinite(number)
            || !decimal.TryParse(
                number.ToString("R", CultureInfo.InvariantCulture),
                NumberStyles.Float,
                CultureInfo.InvariantCulture,
                out var exact)
            || (double)exact != number)
        {
            return false;
        }

        converted = exact;
        return true;
    }

    private static bool TryChangeType(object value, Type type, out object converted)
    {
        try
        {
            converted = System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            return true;
        }
        catch (OverflowException)
        {
            converted = null!;
            return false;
        }
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(sbyte)
        || type == typeof(decimal) || type == typeof(double) || type == typeof(float);

    private static string ToText(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant =>
            instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe(object value)
    {
        var text = ToText(value);
        if (text.Length > 50)
        {
            text = string.Concat(text.AsSpan(0, 50), "...");
        }

        return $"{value.GetType().Name} '{text}'";
    }
}
