using Microsoft.Extensions.Logging;
using nietras.SeparatedValues;

namespace Marketo.Extract.Records.Internal;

/// <summary>Decodes an export whose columns are the fields of one schema, such as a lead export.</summary>
internal sealed class FlatFileDecoder : ExportFileDecoder
{
    private readonly RecordSchema _requested;
    private SchemaBinding? _binding;

    public FlatFileDecoder(RecordSchema schema, Utf8CsvTextReader text, DecodeStatistics statistics, ILogger logger)
        : base(text, statistics, logger) => _requested = schema;

    protected override void Bind(IReadOnlyDictionary<string, int> columnPositions) =>
        _binding = SchemaBinding.Create(_requested, Header, columnPositions, ReportUnexpectedColumn);

    protected override MarketoRecord Decode(SepReader.Row row)
    {
        var hasQuotes = row.Span.Contains('"');
        var binding = _binding!;
        var schema = binding.Schema;
        var fields = binding.FieldByColumn;
        var ordinals = binding.OrdinalByColumn;
        var values = new object?[binding.FieldCount];
        long rowNumber = row.RowIndex;
        for (var column = 0; column < fields.Length; column++)
        {
            var text = GetValue(row, column, hasQuotes, rowNumber);
            RowValues.Set(values, ordinals[column], ParseCell(text, schema, fields[column]!, column, rowNumber));
        }

        return new MarketoRecord(values, schema);
    }

    private void ReportUnexpectedColumn(string column, RecordField field)
    {
        Statistics.AddUnexpectedColumn(column);
        Log.UnexpectedColumn(Logger, column, field.Name);
    }
}
