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
    private int _attributesColumn = -1;

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

        _attributesColumn = columnPositions.TryGetValue(ActivityColumns.Attributes, out var attributes) ? attributes : -1;
        foreach (var (typeId, schema) in _requested)
        {
            _bindings.Add(typeId, SchemaBinding.Create(schema, Header, columnPositions, ReportUnexpectedColumn));
        }
    }

    protected override MarketoRecord Decode(SepReader.Row row, bool hasQuotes)
    {
        long rowNumber = row.RowIndex;
        var attributesCell = _attributesColumn < 0 ? default : row[_attributesColumn].Span;
        var otherCellsQuoted = hasQuotes && OtherCellsHaveQuotes(row.Span, attributesCell);
        var typeId = ReadTypeId(row, otherCellsQuoted, rowNumber);
        var binding = FindBinding(row, typeId);
        var schema = binding.Schema;
        var fields = binding.FieldByColumn;
        var ordinals = binding.OrdinalByColumn;
        var values = new object?[schema.Fields.Count];
        for (var column = 0; column < fields.Length; column++)
        {
            var field = fields[column];
            if (field is null)
            {
                DecodeAttributes(binding.Attributes!, row, attributesCell, hasQuotes, values);
            }
            else if (column == _typeIdColumn && field.Kind == FieldKind.Integer)
            {
                values[ordinals[column]] = CellParser.Box(typeId);
            }
            else
            {
                var quoted = column == _attributesColumn ? hasQuotes : otherCellsQuoted;
                var text = GetValue(row, column, quoted, rowNumber);
                values[ordinals[column]] = ParseCell(text, schema, field, column, rowNumber);
            }
        }

        return new MarketoRecord(schema, values);
    }

    /// <summary>
    /// Returns whether a cell other than <c>attributes</c> has a quote. Most rows quote only their attributes
    /// JSON, and the other cells of such a row need no unquoting.
    /// </summary>
    private static bool OtherCellsHaveQuotes(ReadOnlySpan<char> row, ReadOnlySpan<char> attributesCell) =>
        attributesCell.IsEmpty || row.Count('"') != attributesCell.Count('"');

    private void DecodeAttributes(
        ActivityAttributesDecoder attributes,
        SepReader.Row row,
        ReadOnlySpan<char> cell,
        bool hasQuotes,
        object?[] values)
    {
        long rowNumber = row.RowIndex;
        if (!hasQuotes || !attributes.TryDecodeQuoted(cell, values, rowNumber, this))
        {
            attributes.Decode(GetValue(row, _attributesColumn, hasQuotes, rowNumber), values, rowNumber, this);
        }
    }

    private int ReadTypeId(SepReader.Row row, bool hasQuotes, long rowNumber)
    {
        var text = GetValue(row, _typeIdColumn, hasQuotes, rowNumber);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var typeId))
        {
            throw CsvErrors.InvalidActivityTypeId(rowNumber, row.LineNumberFrom, text.ToString());
        }

        return typeId;
    }

    private SchemaBinding FindBinding(SepReader.Row row, int typeId)
    {
        if (!_bindings.TryGetValue(typeId, out var binding))
        {
            throw CsvErrors.UnknownActivityType(row.RowIndex, row.LineNumberFrom, typeId, _bindings.Keys);
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
