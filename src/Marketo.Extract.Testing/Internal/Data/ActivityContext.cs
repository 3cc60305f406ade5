namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>The assets that activities point at through their primary attribute and campaign id.</summary>
internal sealed record ActivityContext(
    IReadOnlyList<EmulatedCampaign> Campaigns,
    IReadOnlyList<EmulatedStaticList> StaticLists,
    IReadOnlyList<EmulatedProgram> Programs);
