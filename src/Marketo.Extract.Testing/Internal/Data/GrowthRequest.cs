namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>How much one growth step adds and changes, and the time it ends at.</summary>
internal sealed record GrowthRequest(int NewLeads, int UpdatedLeads, int NewActivities, int DeletedLeads, DateTimeOffset At);
