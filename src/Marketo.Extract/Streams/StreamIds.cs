namespace Marketo.Extract.Streams;

/// <summary>The ids of the streams; users select streams by these ids and outputs are named after them.</summary>
public static class StreamIds
{
    /// <summary>Every activity type, standard and custom; read whole on each sync.</summary>
    public const string ActivityTypes = "activity_types";

    /// <summary>Smart campaigns; incremental by <c>updatedAt</c>, filtered on the client because Marketo has no such filter.</summary>
    public const string Campaigns = "campaigns";

    /// <summary>Static lists; incremental by <c>updatedAt</c>, filtered on the client because Marketo has no such filter.</summary>
    public const string Lists = "lists";

    /// <summary>Programs; incremental by Marketo's <c>earliestUpdatedAt</c>/<c>latestUpdatedAt</c> filter.</summary>
    public const string Programs = "programs";

    /// <summary>Leads; incremental through bulk exports by last update (or by creation where the subscription requires).</summary>
    public const string Leads = "leads";

    /// <summary>Delete Lead activities, which bulk export cannot deliver; incremental by activity date.</summary>
    public const string DeletedLeads = "deleted_leads";

    /// <summary>The prefix of the activity streams, one per activity type: <c>activities_&lt;snake_case type name&gt;</c>.</summary>
    public const string ActivitiesPrefix = "activities_";

    /// <summary>Gets the ids of the streams that do not depend on the instance's activity types, in sync order.</summary>
    public static IReadOnlyList<string> Fixed { get; } =
        [ActivityTypes, Campaigns, Lists, Programs, DeletedLeads, Leads];
}
