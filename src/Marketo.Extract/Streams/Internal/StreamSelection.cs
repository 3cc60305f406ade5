namespace Marketo.Extract.Streams.Internal;

/// <summary>The streams a caller selected by id; no selection means every stream.</summary>
internal sealed class StreamSelection
{
    private readonly HashSet<string>? _ids;

    private StreamSelection(HashSet<string>? ids) => _ids = ids;

    public bool IncludesAnyActivities =>
        _ids is null || _ids.Any(id => id.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal));

    public static StreamSelection Parse(IEnumerable<string>? streamIds)
    {
        if (streamIds is null)
        {
            return new StreamSelection(null);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in streamIds)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A selected stream id is empty; use ids such as 'leads' or 'campaigns'.", nameof(streamIds));
            }

            if (!StreamIds.Fixed.Contains(id) && !IsActivityStreamId(id))
            {
                throw new ArgumentException(
                    $"Stream '{id}' does not exist. Streams are {string.Join(", ", StreamIds.Fixed)} and " +
                    $"{StreamIds.ActivitiesPrefix}<activity type>; list them with DiscoverAsync.",
                    nameof(streamIds));
            }

            ids.Add(id);
        }

        return new StreamSelection(ids);
    }

    public bool Includes(string streamId) => _ids is null || _ids.Contains(streamId);

    /// <summary>Checks that every selected activity stream matches an activity type of the instance.</summary>
    public void CheckActivityStreamsExist(IEnumerable<string> existing)
    {
        if (_ids is null)
        {
            return;
        }

        var known = new HashSet<string>(existing, StringComparer.Ordinal);
        var missing = _ids.Where(id => IsActivityStreamId(id) && !known.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Stream {string.Join(", ", missing.Select(id => $"'{id}'"))} matches no activity type of this Marketo " +
                "instance; list the activity streams with DiscoverAsync.");
        }
    }

    private static bool IsActivityStreamId(string id) =>
        id.Length > StreamIds.ActivitiesPrefix.Length && id.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal);
}
