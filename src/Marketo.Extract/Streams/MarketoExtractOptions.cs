using Marketo.Extract.Bulk;
using Marketo.Extract.Records;

namespace Marketo.Extract.Streams;

/// <summary>Settings of a <see cref="MarketoExtractor"/>: where history starts, how it is sliced, what to read.</summary>
public sealed class MarketoExtractOptions
{
    /// <summary>The widest export window Marketo accepts comfortably: its limit is 31 days.</summary>
    public const int MaxWindowInDays = 30;

    /// <summary>
    /// Gets or sets the instant a stream's first sync starts from; later syncs start from the stream's cursor.
    /// </summary>
    /// <value>No default; required for the incremental streams' first sync, and must not be in the future.</value>
    public DateTimeOffset? StartDate { get; set; }

    /// <summary>Gets or sets the width of each export window, in days.</summary>
    /// <value>The default is 30; valid values are 1 to 30.</value>
    public int WindowInDays { get; set; } = MaxWindowInDays;

    /// <summary>
    /// Gets or sets a value indicating whether campaigns, lists and programs are read whole on every sync
    /// instead of from their cursor.
    /// </summary>
    /// <value>The default is <see langword="false"/>: they are read incrementally.</value>
    public bool FullRefresh { get; set; }

    /// <summary>Gets or sets the REST names of the lead fields to export; <see langword="null"/> exports every field.</summary>
    /// <value>The default is <see langword="null"/>. <c>id</c>, <c>createdAt</c> and <c>updatedAt</c> are always added.</value>
    public IList<string>? LeadFields { get; set; }

    /// <summary>Gets or sets whether activity attributes become fields of their own or stay one JSON object.</summary>
    /// <value>The default is <see cref="ActivityAttributeLayout.Flattened"/>.</value>
    public ActivityAttributeLayout ActivityAttributes { get; set; } = ActivityAttributeLayout.Flattened;

    /// <summary>Gets or sets the settings of the bulk export jobs: poll interval, job timeout, jobs in flight.</summary>
    /// <value>The defaults of <see cref="BulkExportOptions"/>: a 60-second poll and a 180-minute timeout.</value>
    public BulkExportOptions Bulk { get; set; } = new();

    /// <summary>Checks the options and throws an exception that names the bad value and the rule.</summary>
    /// <param name="now">The current time, to reject a start date in the future.</param>
    /// <exception cref="ArgumentException">A value is invalid.</exception>
    public void Validate(DateTimeOffset now)
    {
        if (WindowInDays is < 1 or > MaxWindowInDays)
        {
            throw new ArgumentException(
                $"MarketoExtractOptions.WindowInDays is {WindowInDays}, but it must be between 1 and {MaxWindowInDays} " +
                "because Marketo rejects export ranges wider than 31 days.");
        }

        if (StartDate is { } start && start > now)
        {
            throw new ArgumentException(
                $"MarketoExtractOptions.StartDate {start:O} is in the future (now is {now:O}); choose a date in the past.");
        }

        ArgumentNullException.ThrowIfNull(Bulk, nameof(Bulk));
        Bulk.Validate();

        if (LeadFields is { } fields && fields.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                "MarketoExtractOptions.LeadFields contains an empty name; list REST field names such as 'email'.");
        }
    }
}
