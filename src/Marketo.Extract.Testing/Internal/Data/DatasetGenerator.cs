using System.Globalization;

namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>Builds the emulated instance's data from a seed; the same seed and end time give the same data.</summary>
internal sealed partial class DatasetGenerator
{
    // Deleted leads are generated within the last 14 days, the window Marketo keeps deletions for.
    private static readonly TimeSpan DeletionWindow = TimeSpan.FromDays(14);
    private static readonly TimeSpan AssetHistory = TimeSpan.FromDays(730);

    private readonly Random _random;
    private readonly bool _nasty;

    private DatasetGenerator(int seed, bool nasty)
    {
        _random = new Random(seed);
        _nasty = nasty;
    }

    public static DatasetState Generate(DatasetShape shape, DateTimeOffset end)
    {
        var generator = new DatasetGenerator(shape.Seed, shape.NastyData);
        return generator.Build(shape, end);
    }

    private DatasetState Build(DatasetShape shape, DateTimeOffset end)
    {
        var start = end - TimeSpan.FromDays(shape.HistoryDays);
        var programs = Enumerable.Range(0, shape.Programs).Select(i => NewProgram(1001 + i, end)).ToList();
        var campaigns = Enumerable.Range(0, shape.Campaigns).Select(i => NewCampaign(1001 + i, programs, end)).ToList();

        int deletedCount = shape.Leads == 0 ? 0 : Math.Max(1, shape.Leads / 50);
        var created = RandomTimes(shape.Leads + deletedCount, start, end);
        var allLeads = created.Select((createdAt, i) => NewLead(1001 + i, createdAt, end)).ToList();

        var deleted = new List<EmulatedActivity>();
        var deletedIds = PickDeletions(allLeads, deletedCount, end);
        long nextActivityId = 500_001;
        foreach (var lead in allLeads.Where(l => deletedIds.Contains(l.Id)).OrderBy(l => l.Id))
        {
            var when = RandomTime(Later(lead.FieldsUpdatedAt, end - DeletionWindow), end);
            deleted.Add(NewDeletion(nextActivityId++, lead, when));
        }

        var leads = allLeads.Where(l => !deletedIds.Contains(l.Id)).ToList();
        var lists = Enumerable.Range(0, shape.StaticLists).Select(i => NewStaticList(1001 + i, programs, leads, end)).ToList();
        var context = new ActivityContext(campaigns, lists, programs);
        var activities = NewActivities(shape.Activities, leads, start, end, context, ref nextActivityId);

        return new DatasetState
        {
            Start = start,
            End = end,
            Leads = leads,
            Activities = activities,
            DeletedLeads = [.. deleted.OrderBy(a => a.ActivityDate).ThenBy(a => a.Id)],
            Campaigns = campaigns,
            StaticLists = lists,
            Programs = programs,
            NextLeadId = 1001 + allLeads.Count,
            NextActivityId = nextActivityId,
            Growths = 0,
        };
    }

    private HashSet<long> PickDeletions(List<EmulatedLead> leads, int count, DateTimeOffset end)
    {
        // Only leads whose last change is before the deletion time can be deleted.
        var candidates = leads.Where(l => l.FieldsUpdatedAt < end - TimeSpan.FromMinutes(1)).Select(l => l.Id).ToList();
        var picked = new HashSet<long>();
        while (picked.Count < Math.Min(count, candidates.Count))
        {
            picked.Add(candidates[_random.Next(candidates.Count)]);
        }

        return picked;
    }

    private List<EmulatedActivity> NewActivities(
        int count, List<EmulatedLead> leads, DateTimeOffset from, DateTimeOffset to, ActivityContext context, ref long nextId)
    {
        if (leads.Count == 0)
        {
            return [];
        }

        var drafts = new List<(DateTimeOffset Date, EmulatedLead Lead, EmulatedActivityType Type)>(count);
        for (int i = 0; i < count; i++)
        {
            var lead = leads[_random.Next(leads.Count)];
            var date = RandomTime(Later(lead.CreatedAt, from), to);
            drafts.Add((date, lead, PickActivityType()));
        }

        var activities = new List<EmulatedActivity>(count);
        foreach (var draft in drafts.OrderBy(d => d.Date))
        {
            activities.Add(NewActivity(nextId++, draft.Lead, draft.Type, draft.Date, context));
        }

        return activities;
    }

    private EmulatedActivityType PickActivityType()
    {
        // Email and web activities dominate real instances; the rest appear now and then.
        int[] common = [1, 6, 7, 10, 11, 2, 13, 22];
        if (_random.NextDouble() < 0.7)
        {
            return ActivityCatalog.ById[common[_random.Next(common.Length)]];
        }

        var others = ActivityCatalog.Types;
        while (true)
        {
            var type = others[_random.Next(others.Count)];
            if (type.Id != ActivityCatalog.DeleteLeadTypeId)
            {
                return type;
            }
        }
    }

    private List<DateTimeOffset> RandomTimes(int count, DateTimeOffset from, DateTimeOffset to)
    {
        var times = new List<DateTimeOffset>(count);
        for (int i = 0; i < count; i++)
        {
            times.Add(RandomTime(from, to));
        }

        times.Sort();
        return times;
    }

    /// <summary>Returns a whole-second time in [from, to).</summary>
    private DateTimeOffset RandomTime(DateTimeOffset from, DateTimeOffset to)
    {
        long seconds = (long)(to - from).TotalSeconds;
        return seconds <= 0 ? from : from.AddSeconds(_random.NextInt64(seconds));
    }

    /// <summary>Returns a whole-second time in (from, to].</summary>
    private DateTimeOffset RandomTimeAfter(DateTimeOffset from, DateTimeOffset to)
    {
        long seconds = (long)(to - from).TotalSeconds;
        return seconds <= 0 ? to : from.AddSeconds(1 + _random.NextInt64(seconds));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string Text(string[] plain, string[]? nasty = null, double nastyShare = 0.25)
    {
        if (_nasty && Chance(nastyShare))
        {
            return Pick(nasty ?? ValuePools.NastyText);
        }

        return Pick(plain);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
