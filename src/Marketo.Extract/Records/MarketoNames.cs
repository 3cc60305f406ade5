using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Marketo.Extract.Records;

/// <summary>
/// Derives the snake_case names of record fields and stream ids from Marketo names.
/// </summary>
/// <remarks>
/// <para>The rule, applied by <see cref="ToSnakeCase"/>, is stable: changing it would rename output columns
/// and files, so it only ever gains cases that used to be rejected.</para>
/// <list type="number">
/// <item>Latin letters with diacritics lose them when Unicode decomposition allows (<c>é</c> becomes
/// <c>e</c>); other letters, marks and digits of any script are kept, lowercased (<c>Größe</c> becomes
/// <c>große</c>, <c>Имя</c> becomes <c>имя</c>).</item>
/// <item>A word boundary falls before an uppercase letter that follows a lowercase letter or a digit
/// (<c>myCustomAttr</c> becomes <c>my_custom_attr</c>), and before the last capital of a run of capitals
/// followed by a lowercase letter (<c>HTTPServer</c> becomes <c>http_server</c>). Digits stay with the
/// word before them (<c>address2</c>).</item>
/// <item>Every other character (space, punctuation, symbol) is a separator. Boundaries and separators
/// become one <c>_</c>, runs of them collapse, and none is kept at either end.</item>
/// <item>A name that starts with a digit gets a leading <c>_</c> (<c>1st Touch</c> becomes <c>_1st_touch</c>),
/// and a name with no letter or digit becomes <c>_</c>.</item>
/// </list>
/// <para>Examples: <c>Client IP Address</c> → <c>client_ip_address</c>, <c>Webpage ID</c> → <c>webpage_id</c>,
/// <c>marketoGUID</c> → <c>marketo_guid</c>, <c>Fill Out Form</c> → stream <c>activities_fill_out_form</c>.</para>
/// </remarks>
public static class MarketoNames
{
    /// <summary>The stream id of lead records.</summary>
    public const string LeadsStream = "leads";

    /// <summary>The prefix of the stream id of each activity type.</summary>
    public const string ActivityStreamPrefix = "activities_";

    /// <summary>Converts a Marketo name (display name, REST name or API name) to snake_case.</summary>
    /// <param name="name">The name to convert.</param>
    /// <returns>The snake_case name; never empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 8);
        var previous = RuneKind.Separator;
        var previousIsAsciiLetter = false;
        var runes = decomposed.EnumerateRunes();
        var hasNext = runes.MoveNext();
        while (hasNext)
        {
            var rune = runes.Current;
            hasNext = runes.MoveNext();
            var kind = Classify(rune);
            if (kind == RuneKind.Mark)
            {
                // Accents on Latin letters go; vowel signs and other marks of other scripts are part of the word.
                if (previousIsAsciiLetter)
                {
                    continue;
                }

                kind = RuneKind.OtherLetter;
            }

            previousIsAsciiLetter = rune.IsAscii && Rune.IsLetter(rune);

            if (kind == RuneKind.Separator)
            {
                AppendUnderscore(builder);
            }
            else
            {
                if (StartsWord(previous, kind, hasNext ? Classify(runes.Current) : RuneKind.Separator))
                {
                    AppendUnderscore(builder);
                }

                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }

            previous = kind;
        }

        return Finish(builder);
    }

    /// <summary>The longest stream id <see cref="ToActivityStreamId"/> returns, so ids fit file and table names.</summary>
    private const int MaxStreamIdLength = 128;

    /// <summary>Returns the stream id of an activity type: <c>activities_</c> and the snake_case type name.</summary>
    /// <param name="activityTypeName">The activity type's name, for example <c>Fill Out Form</c>.</param>
    /// <returns>
    /// The stream id, for example <c>activities_fill_out_form</c>. An id longer than 128 characters is cut to
    /// 119 and ends with <c>_</c> and 8 hex digits of the SHA-256 of the full type name, so that two long names
    /// that share a beginning still get different ids.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="activityTypeName"/> is <see langword="null"/>.</exception>
    public static string ToActivityStreamId(string activityTypeName)
    {
        var streamId = ActivityStreamPrefix + ToSnakeCase(activityTypeName).TrimStart('_');
        if (streamId.Length <= MaxStreamIdLength)
        {
            return streamId;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(activityTypeName));
        var suffix = BinaryPrimitives.ReadUInt32BigEndian(hash).ToString("x8", CultureInfo.InvariantCulture);
        return streamId[..(MaxStreamIdLength - suffix.Length - 1)].TrimEnd('_') + "_" + suffix;
    }

    private static bool StartsWord(RuneKind previous, RuneKind current, RuneKind next) =>
        current == RuneKind.Upper
        && (previous is RuneKind.Lower or RuneKind.Digit
            || (previous == RuneKind.Upper && next == RuneKind.Lower));

    private static void AppendUnderscore(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '_')
        {
            builder.Append('_');
        }
    }

    private static string Finish(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] == '_')
        {
            builder.Length--;
        }

        if (builder.Length == 0)
        {
            return "_";
        }

        if (Rune.TryGetRuneAt(builder.ToString(), 0, out var first) && Rune.IsDigit(first))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static RuneKind Classify(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark => RuneKind.Mark,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => RuneKind.Upper,
            UnicodeCategory.LowercaseLetter => RuneKind.Lower,
            UnicodeCategory.DecimalDigitNumber => RuneKind.Digit,
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => RuneKind.OtherLetter,
            _ => RuneKind.Separator,
        };
    }

    private enum RuneKind
    {
        Separator,
        Mark,
        Upper,
        Lower,
        Digit,
        OtherLetter,
    }
}
