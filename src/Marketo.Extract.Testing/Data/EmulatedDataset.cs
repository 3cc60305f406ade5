using Marketo.Extract.Testing.Internal.Data;

namespace Marketo.Extract.Testing;

/// <summary>
/// The data of the emulated Marketo instance: the ground truth that end-to-end tests compare exports against.
/// </summary>
/// <remarks>
/// The data is built from <see cref="MarketoEmulatorOptions.Seed"/> and the dataset end time, so the same
/// seed, sizes and end time always give the same data. The lists are snapshots: <see cref="Grow"/> replaces
/// them, so read them again after growing. Reading is thread-safe while the emulator serves requests.
/// </remarks>
public sealed class EmulatedDataset
{
    private readonly DatasetShape _shape;
    private readonly object _growLock = new();
    private volatile DatasetState _state;

    internal EmulatedDataset(DatasetShape shape, DateTimeOffset end)
    {
        _shape = shape;
        _state = DatasetGenerator.Generate(shape, end);
    }

    /// <summary>Gets the seed the data was built from.</summary>
    public int Seed => _shape.Seed;

    /// <summary>Gets the start of the history window: the earliest lead creation and activity time.</summary>
    public DateTimeOffset Start => _state.Start;

    /// <summary>Gets the end of the data: no record was created or changed after this time.</summary>
    public DateTimeOffset End => _state.End;

    /// <summary>Gets the lead fields, including one formula field without a REST name.</summary>
#pragma warning disable CA1822 // Instance members, so callers reach all ground truth through one object.
    public IReadOnlyList<EmulatedLeadField> LeadFields => LeadSchema.Fields;

    /// <summary>Gets the activity types, standard and custom.</summary>
    public IReadOnlyList<EmulatedActivityType> ActivityTypes => ActivityCatalog.Types;
#pragma warning restore CA1822

    /// <summary>Gets the leads that exist now, ordered by id.</summary>
    public IReadOnlyList<EmulatedLead> Leads => _state.Leads;

    /// <summary>Gets the activities a bulk activity export can return, ordered by date and id; Delete Lead activities are in <see cref="DeletedLeads"/>.</summary>
    public IReadOnlyList<EmulatedActivity> Activities => _state.Activities;

    /// <summary>Gets the Delete Lead (type 37) activities, ordered by date; the deleted leads are no longer in <see cref="Leads"/>.</summary>
    public IReadOnlyList<EmulatedActivity> DeletedLeads => _state.DeletedLeads;

    /// <summary>Gets the smart campaigns, ordered by id.</summary>
    public IReadOnlyList<EmulatedCampaign> Campaigns => _state.Campaigns;

    /// <summary>Gets the static lists, ordered by id.</summary>
    public IReadOnlyList<EmulatedStaticList> StaticLists => _state.StaticLists;

    /// <summary>Gets the programs, ordered by id.</summary>
    public IReadOnlyList<EmulatedProgram> Programs => _state.Programs;

    internal DatasetState State => _state;

    /// <summary>
    /// Adds and changes data as if time had passed between two syncs. Every change happens after
    /// <see cref="End"/> and at or before <paramref name="at"/>, which becomes the new <see cref="End"/>.
    /// </summary>
    /// <param name="newLeads">The number of leads to create.</param>
    /// <param name="updatedLeads">The number of existing leads whose fields change; about half of them also change a standard field, which moves their visible <c>updatedAt</c>.</param>
    /// <param name="newActivities">The number of activities to add, spread over existing and new leads.</param>
    /// <param name="at">The end of the new data; later than <see cref="End"/>.</param>
    /// <param name="deletedLeads">The number of existing leads to delete (each gets a Delete Lead activity).</param>
    /// <returns>What was added and changed, so a test knows exactly which records a second sync must see.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or too large, or <paramref name="at"/> is not after <see cref="End"/>.</exception>
    /// <remarks>The changes are drawn from the seed and the number of earlier growth steps, so they repeat from run to run.</remarks>
    public EmulatedGrowth Grow(int newLeads, int updatedLeads, int newActivities, DateTimeOffset at, int deletedLeads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newLeads);
        ArgumentOutOfRangeException.ThrowIfNegative(updatedLeads);
        ArgumentOutOfRangeException.ThrowIfNegative(newActivities);
        ArgumentOutOfRangeException.ThrowIfNegative(deletedLeads);
        lock (_growLock)
        {
            var state = _state;
            var end = TruncateToSeconds(at);
            if (end <= state.End)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(at), at, $"The growth must end at least a second after the current data end {state.End:O}; pass a later time.");
            }

            var request = new GrowthRequest(newLeads, updatedLeads, newActivities, deletedLeads, end);
            var (next, growth) = DatasetGenerator.Grow(state, _shape, request);
            _state = next;
            return growth;
        }
    }

    internal static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
