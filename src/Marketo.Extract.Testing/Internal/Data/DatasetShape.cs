namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>The sizes and seed the generator builds a dataset from.</summary>
internal sealed record DatasetShape(
    int Seed,
    int Leads,
    int Activities,
    int HistoryDays,
    int Campaigns,
    int StaticLists,
    int Programs,
    bool NastyData);
