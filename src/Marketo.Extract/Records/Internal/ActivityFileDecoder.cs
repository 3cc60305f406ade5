using System.Globalization;
using Microsoft.Extensions.Logging;
using nietras.SeparatedValues;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Decodes an activity export, routing each row to the schema of its <c>activityTypeId</c>.
/// </summary>
internal sealed class ActivityFileDecoder : ExportFileDecoder
{
    private readonly IReadOnlyDictionary<int, RecordSchema> _requested;
    private readonly Dictionary<int, SchemaBinding> _bindings = [];
    private readonly HashSet<string> _reportedColumns = new(StringComparer.Ordinal);
    private int _typeIdColumn;

    public ActivityFileDecoder(
        IReadOnlyDictionary<int, RecordSchema> schemas,
        Utf8CsvTextReader text,
        DecodeStatistics statistics,
        ILogger logger)
        : base(text, statistics, logger) => _requested = schemas;

    protected override void Bind(IReadOnlyDictionary<string, int> columnPositions)
    {
        if (!columnPositions.TryGetValue(ActivityColumns.ActivityTypeId, out _typeIdColumn))
        {
            throw CsvErrors.MissingColumns("activities", [ActivityColumns.ActivityTypeId], Header);
        }

        foreach (var (typeId, schema) in _requested)
        {
            _bindings.Add(typeId, SchemaBinding.Create(schema, Header, columnPositions, ReportUnexpectedColumn));
        }
    }

    protected override MarketoRecord Decode(SepReader.Row row, bool hasQuotes)
    {
        long rowNumber = row.RowIndex;
        var binding = FindBinding(row, hasQuotes, rowNumber);
        var schema = binding.Schema;
        var fields = binding.FieldByColumn;
        var ordinals = binding.OrdinalByColumn;
        var values = new object?[schema.Fields.Count];
        for (var column = 0; column < fields.Length; column++)
        {
            var text = GetValue(row, column, hasQuotes, rowNumber);
            var field = fields[column];
            if (field is null)
            {
                binding.Attributes!.Decode(text, values, rowNumber, this);
            }
            else
            {
                values[ordinals[column]] = ParseCell(text, schema, field, column, rowNumber);
            }
        }

        return new MarketoRecord(schema, values);
    }

    private SchemaBinding FindBinding(SepReader.Row row, bool hasQuotes, long rowNumber)
    {
        var text = GetValue(row, _typeIdColumn, hasQuotes, rowNumber);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var typeId))
        {
            throw CsvErrors.InvalidActivityTypeId(rowNumber, row.LineNumberFrom, text.ToString());
        }

        if (!_bindings.TryGetValue(typeId, out var binding))
        {
            throw CsvErrors.UnknownActivityType(rowNumber, row.LineNumberFrom, typeId, _bindings.Keys);
        }

        return binding;
    }

    private void ReportUnexpectedColumn(string column, RecordField field)
    {
        if (_reportedColumns.Add(column))
        {
            Statistics.AddUnexpectedColumn(column);
            Log.UnexpectedColumn(Logger, column, field.Name);
        }
    }
}
