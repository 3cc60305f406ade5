namespace Marketo.Extract.Testing.Internal.Data;

internal sealed partial class DatasetGenerator
{
    public static (DatasetState State, EmulatedGrowth Growth) Grow(
        DatasetState state, DatasetShape shape, GrowthRequest request)
    {
        // Each growth step draws from its own seed, so a test can replay it from the seed and the step number.
        int seed = unchecked((shape.Seed * 31) + ((state.Growths + 1) * 1_000_003));
        var generator = new DatasetGenerator(seed, shape.NastyData);
        return generator.GrowFrom(state, request);
    }

    private (DatasetState, EmulatedGrowth) GrowFrom(DatasetState state, GrowthRequest request)
    {
        var from = state.End;
        var to = request.At;
        var leads = state.Leads.ToDictionary(l => l.Id);
        var updatedIds = PickDistinct(leads.Keys.Order().ToList(), request.UpdatedLeads, exclude: []);
        foreach (long id in updatedIds)
        {
            var at = RandomTimeAfter(Later(from, leads[id].FieldsUpdatedAt), to);
            leads[id] = WithChanges(leads[id], at, standardFieldsToo: Chance(0.5));
        }

        long nextActivityId = state.NextActivityId;
        var deletedIds = PickDistinct(leads.Keys.Order().ToList(), request.DeletedLeads, exclude: [.. updatedIds]);
        var deletions = new List<EmulatedActivity>();
        foreach (long id in deletedIds)
        {
            deletions.Add(NewDeletion(nextActivityId++, leads[id], RandomTimeAfter(Later(from, leads[id].FieldsUpdatedAt), to)));
            leads.Remove(id);
        }

        var newLeads = RandomTimesAfter(request.NewLeads, from, to)
            .Select((createdAt, i) => NewLead(state.NextLeadId + i, createdAt, to))
            .ToList();
        foreach (var lead in newLeads)
        {
            leads[lead.Id] = lead;
        }

        var context = new ActivityContext(state.Campaigns, state.StaticLists, state.Programs);
        var newActivities = NewActivitiesAfter(request.NewActivities, [.. leads.Values], from, to, context, ref nextActivityId);
        var (campaigns, campaignIds) = Touch(state.Campaigns, c => c.Id, (c, at) => c with { UpdatedAt = at }, from, to);
        var (lists, listIds) = Touch(
            RemoveMembers(state.StaticLists, deletedIds), l => l.Id, (l, at) => l with { UpdatedAt = at }, from, to);
        var (programs, programIds) = Touch(state.Programs, p => p.Id, (p, at) => p with { UpdatedAt = at }, from, to);

        var next = new DatasetState
        {
            Start = state.Start,
            End = to,
            Leads = [.. leads.Values.OrderBy(l => l.Id)],
            Activities = [.. state.Activities, .. newActivities],
            DeletedLeads = [.. state.DeletedLeads, .. deletions.OrderBy(a => a.ActivityDate).ThenBy(a => a.Id)],
            Campaigns = campaigns,
            StaticLists = lists,
            Programs = programs,
            NextLeadId = state.NextLeadId + newLeads.Count,
            NextActivityId = nextActivityId,
            Growths = state.Growths + 1,
        };
        var growth = new EmulatedGrowth
        {
            From = from,
            To = to,
            NewLeadIds = [.. newLeads.Select(l => l.Id)],
            UpdatedLeadIds = [.. updatedIds],
            DeletedLeadIds = [.. deletedIds],
            NewActivities = newActivities,
            UpdatedCampaignIds = campaignIds,
            UpdatedStaticListIds = listIds,
            UpdatedProgramIds = programIds,
        };
        return (next, growth);
    }

    private List<EmulatedActivity> NewActivitiesAfter(
        int count, List<EmulatedLead> leads, DateTimeOffset from, DateTimeOffset to, ActivityContext context, ref long nextId)
    {
        var drafts = new List<(DateTimeOffset Date, EmulatedLead Lead, EmulatedActivityType Type)>(count);
        for (int i = 0; i < count && leads.Count > 0; i++)
        {
            var lead = leads[_random.Next(leads.Count)];
            drafts.Add((RandomTimeAfter(Later(from, lead.CreatedAt), to), lead, PickActivityType()));
        }

        var activities = new List<EmulatedActivity>(drafts.Count);
        foreach (var draft in drafts.OrderBy(d => d.Date))
        {
            activities.Add(NewActivity(nextId++, draft.Lead, draft.Type, draft.Date, context));
        }

        return activities;
    }

    private List<DateTimeOffset> RandomTimesAfter(int count, DateTimeOffset from, DateTimeOffset to)
    {
        var times = Enumerable.Range(0, count).Select(_ => RandomTimeAfter(from, to)).ToList();
        times.Sort();
        return times;
    }

    private List<long> PickDistinct(List<long> ids, int count, HashSet<long> exclude)
    {
        var candidates = ids.Where(id => !exclude.Contains(id)).ToList();
        if (count > candidates.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"Only {candidates.Count} leads can be picked; ask for fewer.");
        }

        var picked = new SortedSet<long>();
        while (picked.Count < count)
        {
            picked.Add(candidates[_random.Next(candidates.Count)]);
        }

        return [.. picked];
    }

    private (IReadOnlyList<T> Items, IReadOnlyList<long> ChangedIds) Touch<T>(
        IReadOnlyList<T> items, Func<T, long> id, Func<T, DateTimeOffset, T> update, DateTimeOffset from, DateTimeOffset to)
    {
        // About one asset in fifty changes per growth step, and at least one when there are any.
        var result = items.ToList();
        var changed = new SortedSet<long>();
        int count = items.Count == 0 ? 0 : Math.Max(1, items.Count / 50);
        while (changed.Count < count)
        {
            int index = _random.Next(result.Count);
            if (changed.Add(id(result[index])))
            {
                result[index] = update(result[index], RandomTimeAfter(from, to));
            }
        }

        return (result, [.. changed]);
    }

    private static IReadOnlyList<EmulatedStaticList> RemoveMembers(IReadOnlyList<EmulatedStaticList> lists, List<long> leadIds)
    {
        if (leadIds.Count == 0)
        {
            return lists;
        }

        var removed = leadIds.ToHashSet();
        return [.. lists.Select(l => l with { MemberLeadIds = [.. l.MemberLeadIds.Where(id => !removed.Contains(id))] })];
    }
}
