using System.Globalization;
using System.Runtime.CompilerServices;
using Marketo.Extract.Records.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using nietras.SeparatedValues;

namespace Marketo.Extract.Records;

/// <summary>
/// Decodes bulk export files (CSV) into typed <see cref="MarketoRecord"/>s, streaming with flat memory.
/// </summary>
/// <remarks>
/// <para>The file is read as UTF-8 whatever charset the server declared, and split by Sep as RFC 4180:
/// quoted delimiters, doubled quotes, line breaks (CRLF, LF and U+2028) inside quoted values, CRLF or LF row
/// ends, and a leading byte order mark are all read correctly. NUL characters are dropped. An empty value and
/// the unquoted or quoted text <c>null</c> are both null, since Marketo writes <c>null</c> for a missing
/// value and a real text "null" cannot be told apart. An empty line is skipped and counted when the file has
/// more than one column; in a one-column file it is a row whose value is null.</para>
/// <para>Values are typed by their field's Marketo dataType (see <see cref="RecordField"/>). A value that does
/// not parse is kept as text and counted in <see cref="Statistics"/>, and the first one of each field is
/// logged. A column that the schema does not read is kept as a string field appended to the schema.</para>
/// <para>A malformed file stops the enumeration with a <see cref="MarketoCsvFormatException"/> that names
/// the data row and line: a row whose value count differs from the header's, broken quoting (including an
/// unterminated quote at the end of the file), bytes that are not UTF-8, or a header that lacks a column the
/// schema reads, names a column twice or leaves one without a name. Records before the bad row have been
/// handed out.</para>
/// <para>Memory stays flat whatever the file size: Sep's buffer contains a few rows, and each record allocates
/// only its values. The caller's stream is read asynchronously and not disposed. A decoder can read several
/// files, one after another or at once; its statistics add up over all of them.</para>
/// </remarks>
public sealed class ExportCsvDecoder
{
    private static readonly SepReaderOptions CsvOptions = Sep.Reader(options => options with
    {
        Sep = new Sep(','),
        HasHeader = false,
        DisableColCountCheck = true,
        CultureInfo = CultureInfo.InvariantCulture,
    });

    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ExportCsvDecoder"/> class.</summary>
    /// <param name="logger">The logger for values kept as text, unexpected columns and file summaries.</param>
    public ExportCsvDecoder(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>Gets the counters of every file this decoder has read, updated while it reads.</summary>
    public DecodeStatistics Statistics { get; } = new();

    /// <summary>
    /// Reads an export whose columns are the fields of one schema: a lead export, or likewise a program
    /// member or custom object export.
    /// </summary>
    /// <param name="utf8Csv">The bytes of the file, for example the body of the export's file download.</param>
    /// <param name="schema">
    /// The schema, usually from <see cref="RecordSchema.ForLeads"/>; every field must read a column.
    /// </param>
    /// <param name="cancellationToken">The token that cancels the reading.</param>
    /// <returns>The records in file order; none for an empty or header-only file.</returns>
    /// <exception cref="ArgumentException">The stream is not readable, or a field does not read a column.</exception>
    /// <exception cref="MarketoCsvFormatException">During enumeration: the file is malformed.</exception>
    public IAsyncEnumerable<MarketoRecord> ReadLeadsAsync(
        Stream utf8Csv, RecordSchema schema, CancellationToken cancellationToken = default)
    {
        CheckStream(utf8Csv);
        ArgumentNullException.ThrowIfNull(schema);
        CheckColumnSchema(schema);

        return ReadAsync(
            utf8Csv, text => new FlatFileDecoder(schema, text, Statistics, _logger), cancellationToken);
    }

    /// <summary>
    /// Reads an activity export, which can hold activities of several types, giving each row the schema of
    /// its <c>activityTypeId</c>.
    /// </summary>
    /// <param name="utf8Csv">The bytes of the file, for example the body of the export's file download.</param>
    /// <param name="schemasByActivityTypeId">
    /// The schema of each activity type in the export, usually from <see cref="RecordSchema.ForActivityTypes"/>.
    /// </param>
    /// <param name="cancellationToken">The token that cancels the reading.</param>
    /// <returns>
    /// The records in file order. Route them to their streams by <c>record.Schema.Name</c> (or
    /// <see cref="RecordSchema.ActivityTypeId"/>); the schema instance may be an extended copy of the one
    /// given, when the file has columns the schema lacks.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The stream is not readable, no schema is given, a schema's <see cref="RecordSchema.ActivityTypeId"/>
    /// differs from its key, or a schema's attribute fields are incomplete.
    /// </exception>
    /// <exception cref="MarketoCsvFormatException">
    /// During enumeration: the file is malformed, or a row has an activity type with no schema.
    /// </exception>
    public IAsyncEnumerable<MarketoRecord> ReadActivitiesAsync(
        Stream utf8Csv,
        IReadOnlyDictionary<int, RecordSchema> schemasByActivityTypeId,
        CancellationToken cancellationToken = default)
    {
        CheckStream(utf8Csv);
        ArgumentNullException.ThrowIfNull(schemasByActivityTypeId);
        CheckActivitySchemas(schemasByActivityTypeId);

        var schemas = new Dictionary<int, RecordSchema>(schemasByActivityTypeId);
        return ReadAsync(
            utf8Csv, text => new ActivityFileDecoder(schemas, text, Statistics, _logger), cancellationToken);
    }

    private static async IAsyncEnumerable<MarketoRecord> ReadAsync(
        Stream utf8Csv,
        Func<Utf8CsvTextReader, ExportFileDecoder> createDecoder,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new Utf8CsvTextReader(utf8Csv);
        using var file = createDecoder(text);
        using var csv = await CsvOptions.FromAsync(text, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        if (!await csv.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            file.Complete();
            yield break;
        }

        var hasHeader = file.ReadHeader(csv.Current);
        while (await csv.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!hasHeader)
            {
                ExportFileDecoder.RejectUnlessBlank(csv.Current);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var record = file.DecodeRow(csv.Current);
            if (record is not null)
            {
                yield return record;
            }
        }

        file.Complete();
    }

    private static void CheckStream(Stream utf8Csv)
    {
        ArgumentNullException.ThrowIfNull(utf8Csv);
        if (!utf8Csv.CanRead)
        {
            throw new ArgumentException(
                "The stream is not readable; pass the export file opened for reading.", nameof(utf8Csv));
        }
    }

    private static void CheckColumnSchema(RecordSchema schema)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (field.Source != RecordFieldSource.Column)
            {
                throw new ArgumentException(
                    $"Field '{field.Name}' of schema '{schema.Name}' reads {field.Source}, not a column; "
                    + "read activity exports with ReadActivitiesAsync.",
                    nameof(schema));
            }

            if (!columns.Add(field.SourceName))
            {
                throw new ArgumentException(
                    $"Two fields of schema '{schema.Name}' read column '{field.SourceName}', but a column can "
                    + "fill only one field.",
                    nameof(schema));
            }
        }
    }

    private static void CheckActivitySchemas(IReadOnlyDictionary<int, RecordSchema> schemasByActivityTypeId)
    {
        if (schemasByActivityTypeId.Count == 0)
        {
            throw new ArgumentException(
                "No activity schema was given; pass one per activity type of the export.", nameof(schemasByActivityTypeId));
        }

        foreach (var (typeId, schema) in schemasByActivityTypeId)
        {
            if (schema is null)
            {
                throw new ArgumentException(
                    $"The schema of activity type {typeId} is null.", nameof(schemasByActivityTypeId));
            }

            if (schema.ActivityTypeId is { } declared && declared != typeId)
            {
                throw new ArgumentException(
                    $"Schema '{schema.Name}' is for activity type {declared} but is keyed by {typeId}.",
                    nameof(schemasByActivityTypeId));
            }

            CheckAttributeFields(schema, nameof(schemasByActivityTypeId));
        }
    }

    private static void CheckAttributeFields(RecordSchema schema, string parameterName)
    {
        int attributes = 0, undeclared = 0, nested = 0;
        foreach (var field in schema.Fields)
        {
            attributes += field.Source == RecordFieldSource.ActivityAttribute ? 1 : 0;
            undeclared += field.Source == RecordFieldSource.UndeclaredActivityAttributes ? 1 : 0;
            nested += field.Source == RecordFieldSource.ActivityAttributes ? 1 : 0;
        }

        var valid = nested == 0 ? undeclared == 1 : nested == 1 && attributes == 0 && undeclared == 0;
        if (!valid)
        {
            throw new ArgumentException(
                $"Schema '{schema.Name}' must have either one field of the whole attributes object (nested) or "
                + "attribute fields plus one field of undeclared attributes (flattened); build it with "
                + "RecordSchema.ForActivityType.",
                parameterName);
        }
    }
}
