namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>One immutable version of the dataset; growth replaces it as a whole so readers never see a half-applied change.</summary>
internal sealed class DatasetState
{
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required IReadOnlyList<EmulatedLead> Leads { get; init; }

    public required IReadOnlyList<EmulatedActivity> Activities { get; init; }

    public required IReadOnlyList<EmulatedActivity> DeletedLeads { get; init; }

    public required IReadOnlyList<EmulatedCampaign> Campaigns { get; init; }

    public required IReadOnlyList<EmulatedStaticList> StaticLists { get; init; }

    public required IReadOnlyList<EmulatedProgram> Programs { get; init; }

    public required long NextLeadId { get; init; }

    public required long NextActivityId { get; init; }

    public required int Growths { get; init; }
}
