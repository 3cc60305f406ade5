using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private SchemaBinding?[] _bindingByTypeId = [];
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

        // Marketo's built-in activity types have small ids (custom ones start at 100000), so a table finds their
        // bindings without hashing, and the dictionary serves the rest.
        _bindingByTypeId = new SchemaBinding?[1000];
        foreach (var (typeId, binding) in _bindings)
        {
            if ((uint)typeId < (uint)_bindingByTypeId.Length)
            {
                _bindingByTypeId[typeId] = binding;
            }
        }
    }

    protected override MarketoRecord Decode(SepReader.Row row)
    {
        long rowNumber = row.RowIndex;
        var attributesCell = _attributesColumn < 0 ? default : row[_attributesColumn].Span;
        // A quoted cell starts with a quote, so only other cells are searched for a stray one.
        var attributesQuoted = !attributesCell.IsEmpty && (attributesCell[0] == '"' || attributesCell.Contains('"'));
        var otherCellsQuoted = OtherCellsHaveQuotes(row.Span, attributesCell);
        var typeId = ReadTypeId(row, otherCellsQuoted, rowNumber);
        var binding = FindBinding(row, typeId);
        var schema = binding.Schema;
        var fields = binding.FieldByColumn;
        var ordinals = binding.OrdinalByColumn;
        var values = new object?[binding.FieldCount];
        for (var column = 0; column < fields.Length; column++)
        {
            var field = fields[column];
            if (field is null)
            {
                DecodeAttributes(binding.Attributes!, row, attributesCell, attributesQuoted, values);
            }
            else if (column == _typeIdColumn && field.Kind == FieldKind.Integer)
            {
                RowValues.Set(values, ordinals[column], CellParser.Box(typeId));
            }
            else
            {
                var quoted = column == _attributesColumn ? attributesQuoted : otherCellsQuoted;
                var text = GetValue(row, column, quoted, rowNumber);
                RowValues.Set(values, ordinals[column], ParseCell(text, schema, field, column, rowNumber));
            }
        }

        return new MarketoRecord(values, schema);
    }

    /// <summary>
    /// Returns whether a cell other than <c>attributes</c> has a quote. Most rows quote only their attributes
    /// JSON, and the other cells of such a row need no unquoting.
    /// </summary>
    private static bool OtherCellsHaveQuotes(ReadOnlySpan<char> row, ReadOnlySpan<char> attributesCell)
    {
        var start = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(attributesCell))
            / sizeof(char);
        if (attributesCell.IsEmpty || start < 0 || start + attributesCell.Length > row.Length)
        {
            return row.Contains('"');
        }

        return row[..(int)start].Contains('"') || row[((int)start + attributesCell.Length)..].Contains('"');
    }

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
        // Nine digits always fit an int.
        if (text.Length <= 9 && CellParser.TryParsePlainDigits(text, out var id))
        {
            return (int)id;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var typeId))
        {
            throw CsvErrors.InvalidActivityTypeId(rowNumber, row.LineNumberFrom, text.ToString());
        }

        return typeId;
    }

    private SchemaBinding FindBinding(SepReader.Row row, int typeId)
    {
        if ((uint)typeId < (uint)_bindingByTypeId.Length && _bindingByTypeId[typeId] is { } known)
        {
            return known;
        }

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
