namespace Marketo.Extract.Testing;

/// <summary>What one call of <see cref="EmulatedDataset.Grow"/> added and changed.</summary>
public sealed record EmulatedGrowth
{
    /// <summary>Gets the end of the previous data, exclusive: every change is later than this.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Gets the end of the new data, inclusive: every change is at or before this.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Gets the ids of the new leads.</summary>
    public required IReadOnlyList<long> NewLeadIds { get; init; }

    /// <summary>Gets the ids of the existing leads whose field values changed.</summary>
    public required IReadOnlyList<long> UpdatedLeadIds { get; init; }

    /// <summary>Gets the ids of the leads that were deleted (each now has a Delete Lead activity).</summary>
    public required IReadOnlyList<long> DeletedLeadIds { get; init; }

    /// <summary>Gets the new activities, Delete Lead activities excluded.</summary>
    public required IReadOnlyList<EmulatedActivity> NewActivities { get; init; }

    /// <summary>Gets the ids of the campaigns whose <c>updatedAt</c> moved.</summary>
    public required IReadOnlyList<long> UpdatedCampaignIds { get; init; }

    /// <summary>Gets the ids of the static lists whose <c>updatedAt</c> moved.</summary>
    public required IReadOnlyList<long> UpdatedStaticListIds { get; init; }

    /// <summary>Gets the ids of the programs whose <c>updatedAt</c> moved.</summary>
    public required IReadOnlyList<long> UpdatedProgramIds { get; init; }
}
