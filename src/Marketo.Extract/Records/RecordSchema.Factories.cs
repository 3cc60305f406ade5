using Marketo.Extract.Models;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

public sealed partial class RecordSchema
{
    /// <summary>
    /// Builds the schema of a bulk lead export, named <c>leads</c>, with one field per lead field in the
    /// given order.
    /// </summary>
    /// <param name="fields">The exported lead fields, in the order of the export request.</param>
    /// <returns>
    /// A schema whose fields are named by <see cref="MarketoNames.ToSnakeCase"/> of the REST name
    /// (<c>firstName</c> becomes <c>first_name</c>), typed by <see cref="LeadField.DataType"/>, and read from
    /// the column headed by the REST name. When two REST names give the same snake_case name, the later
    /// field gets <c>_2</c>, <c>_3</c> and so on.
    /// </returns>
    /// <exception cref="ArgumentException">A field is null or two fields share a REST name.</exception>
    public static RecordSchema ForLeads(IEnumerable<LeadField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        var names = new NameAllocator();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var recordFields = new List<RecordField>();
        foreach (var field in fields)
        {
            if (field is null)
            {
                throw new ArgumentException("The lead fields contain null.", nameof(fields));
            }

            if (!sources.Add(field.Name))
            {
                throw new ArgumentException(
                    $"Lead field '{field.Name}' appears twice; request each field once.", nameof(fields));
            }

            var name = names.Reserve(MarketoNames.ToSnakeCase(field.Name));
            recordFields.Add(new RecordField(name, field.DataType, field.Name));
        }

        return new RecordSchema(MarketoNames.LeadsStream, recordFields);
    }

    /// <summary>Builds the schema of one activity type in a bulk activity export.</summary>
    /// <param name="activityType">The activity type, as returned by the activity types endpoint.</param>
    /// <param name="layout">Whether attributes become fields of their own or stay one JSON object.</param>
    /// <param name="includeActionResult">
    /// Whether the export requested the <c>actionResult</c> column, which then gets its place before the
    /// attributes. An <c>actionResult</c> column that is present although not requested is kept too, as a
    /// string field at the end.
    /// </param>
    /// <returns>
    /// <para>A schema named <see cref="MarketoNames.ToActivityStreamId"/> of the type name, whose fields are:
    /// <c>marketo_guid</c> (string), <c>lead_id</c> (integer), <c>activity_date</c> (datetime),
    /// <c>activity_type_id</c> (integer, a <see cref="long"/> like every integer), <c>campaign_id</c> (integer),
    /// <c>primary_attribute_value_id</c> (integer), <c>primary_attribute_value</c> (string), then
    /// <c>action_result</c> (string) when requested, then the attributes.</para>
    /// <para>In the <see cref="ActivityAttributeLayout.Flattened"/> layout each declared attribute becomes a
    /// field typed by its dataType and named by <see cref="MarketoNames.ToSnakeCase"/> of its display name, in
    /// declared order, followed by <c>additional_attributes</c> (json). Name collisions are resolved in
    /// declared order: an attribute whose name equals a base field name, <c>attributes</c> or
    /// <c>additional_attributes</c> gets the suffix <c>_attr</c>, and a name that is still taken gets
    /// <c>_2</c>, <c>_3</c> and so on. In the <see cref="ActivityAttributeLayout.Nested"/> layout a single
    /// <c>attributes</c> field (json) follows the base fields.</para>
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The layout is not defined, or an attribute is null or, in the flattened layout, has no name.
    /// </exception>
    public static RecordSchema ForActivityType(
        ActivityType activityType,
        ActivityAttributeLayout layout = ActivityAttributeLayout.Flattened,
        bool includeActionResult = false)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        CheckLayout(layout);

        var name = MarketoNames.ToActivityStreamId(activityType.Name);
        return BuildActivitySchema(activityType, name, layout, includeActionResult);
    }

    /// <summary>
    /// Builds the schema of each activity type, keyed by type id, ready for
    /// <see cref="ExportCsvDecoder.ReadActivitiesAsync"/>.
    /// </summary>
    /// <param name="activityTypes">The activity types of the export.</param>
    /// <param name="layout">Whether attributes become fields of their own or stay one JSON object.</param>
    /// <param name="includeActionResult">Whether the export requested the <c>actionResult</c> column.</param>
    /// <returns>
    /// The schemas, built as <see cref="ForActivityType"/> does, except that when two type names give the
    /// same stream id, each of the types with the higher ids gets its id appended, as in
    /// <c>activities_fill_out_form_100001</c>.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// Two types share an id, a type is null, or the layout is not defined.
    /// </exception>
    public static IReadOnlyDictionary<int, RecordSchema> ForActivityTypes(
        IEnumerable<ActivityType> activityTypes,
        ActivityAttributeLayout layout = ActivityAttributeLayout.Flattened,
        bool includeActionResult = false)
    {
        ArgumentNullException.ThrowIfNull(activityTypes);
        CheckLayout(layout);

        var types = new SortedDictionary<int, ActivityType>();
        foreach (var type in activityTypes)
        {
            if (type is null)
            {
                throw new ArgumentException("The activity types contain null.", nameof(activityTypes));
            }

            if (!types.TryAdd(type.Id, type))
            {
                throw new ArgumentException($"Activity type id {type.Id} appears twice.", nameof(activityTypes));
            }
        }

        var streamIds = new HashSet<string>(StringComparer.Ordinal);
        var schemas = new Dictionary<int, RecordSchema>(types.Count);
        foreach (var (id, type) in types)
        {
            var streamId = MarketoNames.ToActivityStreamId(type.Name);
            if (!streamIds.Add(streamId))
            {
                streamId = $"{streamId}_{id}";
                streamIds.Add(streamId);
            }

            schemas.Add(id, BuildActivitySchema(type, streamId, layout, includeActionResult));
        }

        return schemas;
    }

    private static RecordSchema BuildActivitySchema(
        ActivityType activityType, string name, ActivityAttributeLayout layout, bool includeActionResult)
    {
        var names = new NameAllocator();
        var fields = new List<RecordField>();
        foreach (var (column, dataType) in ActivityColumns.Leading)
        {
            fields.Add(new RecordField(names.Reserve(MarketoNames.ToSnakeCase(column)), dataType, column));
        }

        if (includeActionResult)
        {
            fields.Add(new RecordField(
                names.Reserve(MarketoNames.ToSnakeCase(ActivityColumns.ActionResult)),
                MarketoDataTypes.String,
                ActivityColumns.ActionResult));
        }

        names.Reserve(ActivityColumns.AttributesField);
        names.Reserve(ActivityColumns.AdditionalAttributesField);
        if (layout == ActivityAttributeLayout.Nested)
        {
            fields.Add(new RecordField(
                ActivityColumns.AttributesField,
                MarketoDataTypes.Json,
                ActivityColumns.Attributes,
                RecordFieldSource.ActivityAttributes));
        }
        else
        {
            AddAttributeFields(activityType, names, fields);
        }

        return new RecordSchema(name, fields, activityType.Id);
    }

    private static void AddAttributeFields(ActivityType activityType, NameAllocator names, List<RecordField> fields)
    {
        var baseNames = new HashSet<string>(StringComparer.Ordinal)
        {
            ActivityColumns.AttributesField,
            ActivityColumns.AdditionalAttributesField,
        };
        foreach (var field in fields)
        {
            baseNames.Add(field.Name);
        }

        var position = 0;
        foreach (var attribute in activityType.Attributes)
        {
            position++;
            if (attribute is null)
            {
                throw new ArgumentException(
                    $"Activity type {activityType.Id} '{activityType.Name}' has a null attribute.", nameof(activityType));
            }

            if (string.IsNullOrEmpty(attribute.Name))
            {
                throw new ArgumentException(
                    $"Activity type {activityType.Id} '{activityType.Name}' has an attribute without a name (attribute " +
                    $"{position} of {activityType.Attributes.Count}); a flattened attribute needs its display name, " +
                    "which names its field and matches its key in the attributes column.",
                    nameof(activityType));
            }

            var candidate = MarketoNames.ToSnakeCase(attribute.Name);
            if (baseNames.Contains(candidate))
            {
                candidate += "_attr";
            }

            fields.Add(new RecordField(
                names.Reserve(candidate), attribute.DataType, attribute.Name, RecordFieldSource.ActivityAttribute)
            {
                ApiName = attribute.ApiName,
            });
        }

        fields.Add(new RecordField(
            ActivityColumns.AdditionalAttributesField,
            MarketoDataTypes.Json,
            ActivityColumns.Attributes,
            RecordFieldSource.UndeclaredActivityAttributes));
    }

    private static void CheckLayout(ActivityAttributeLayout layout)
    {
        if (layout is not (ActivityAttributeLayout.Flattened or ActivityAttributeLayout.Nested))
        {
            throw new ArgumentException(
                $"Attribute layout {(int)layout} is not defined; use Flattened or Nested.", nameof(layout));
        }
    }
}
