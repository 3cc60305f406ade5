namespace Marketo.Extract.Records;

/// <summary>How the <c>attributes</c> column of an activity export becomes fields of a record.</summary>
public enum ActivityAttributeLayout
{
    /// <summary>
    /// Each attribute the activity type declares becomes a typed field named by
    /// <see cref="MarketoNames.ToSnakeCase"/>; attributes it does not declare go, as a JSON object, to the
    /// <c>additional_attributes</c> field.
    /// </summary>
    Flattened,

    /// <summary>
    /// The attributes stay one JSON object, keyed by display name with Marketo's JSON values, in the
    /// <c>attributes</c> field.
    /// </summary>
    Nested,
}
