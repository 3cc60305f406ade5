namespace Marketo.Extract.Records;

/// <summary>Where the values of a <see cref="RecordField"/> come from in an export file.</summary>
public enum RecordFieldSource
{
    /// <summary>A CSV column whose header is <see cref="RecordField.SourceName"/>.</summary>
    Column,

    /// <summary>One attribute, by display name, of the JSON object in an activity's <c>attributes</c> column.</summary>
    ActivityAttribute,

    /// <summary>The attributes that the activity type does not declare, as a JSON object.</summary>
    UndeclaredActivityAttributes,

    /// <summary>The whole JSON object of an activity's <c>attributes</c> column.</summary>
    ActivityAttributes,
}
