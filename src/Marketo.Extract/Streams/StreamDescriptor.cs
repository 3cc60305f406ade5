namespace Marketo.Extract.Streams;

/// <summary>A stream as listed by <see cref="MarketoExtractor.DiscoverAsync"/>.</summary>
public sealed record StreamDescriptor
{
    /// <summary>Gets the stream id, for example <c>leads</c> or <c>activities_fill_out_form</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the fields of the stream's records, in output order.</summary>
    public required IReadOnlyList<StreamField> Fields { get; init; }

    /// <summary>Gets the field that identifies a record.</summary>
    public required string PrimaryKey { get; init; }

    /// <summary>Gets the field the cursor follows, or <see langword="null"/> for a stream read whole every time.</summary>
    public string? CursorField { get; init; }

    /// <summary>Gets a value indicating whether the stream reads only what changed since its cursor.</summary>
    public required bool IsIncremental { get; init; }

    /// <summary>Gets the activity type id of an activity stream; <see langword="null"/> for other streams.</summary>
    public int? ActivityTypeId { get; init; }
}
