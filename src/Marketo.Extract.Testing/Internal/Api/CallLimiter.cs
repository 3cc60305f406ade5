namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>The instance-wide call limits: the sliding rate window (606) and the daily quota (607).</summary>
internal sealed class CallLimiter
{
    private readonly object _lock = new();
    private readonly MarketoEmulatorOptions _options;
    private readonly LinkedList<DateTimeOffset> _window = new();
    private readonly Dictionary<DateOnly, Dictionary<string, long>> _usage = [];

    public CallLimiter(MarketoEmulatorOptions options) => _options = options;

    /// <summary>Admits a call or returns the error code that rejects it; an admitted call is counted until refunded.</summary>
    public (CallTicket? Ticket, string? ErrorCode) TryAdmit(DateTimeOffset now, string apiUser)
    {
        var day = ChicagoTime.DayOf(now);
        lock (_lock)
        {
            while (_window.First is { } oldest && oldest.Value <= now - _options.RateLimitWindow)
            {
                _window.RemoveFirst();
            }

            if (CountOn(day) >= _options.DailyCallQuota)
            {
                return (null, "607");
            }

            if (_window.Count >= _options.RateLimitCalls)
            {
                return (null, "606");
            }

            var node = _window.AddLast(now);
            var users = UsersOn(day);
            users[apiUser] = users.GetValueOrDefault(apiUser) + 1;
            return (new CallTicket(node, day, apiUser), null);
        }
    }

    /// <summary>Takes back a call that ended with a code Marketo does not count (601, 602, 604, 605, 608, 611).</summary>
    public void Refund(CallTicket ticket)
    {
        lock (_lock)
        {
            if (ticket.Node.List == _window)
            {
                _window.Remove(ticket.Node);
            }

            UsersOn(ticket.Day)[ticket.ApiUser]--;
        }
    }

    /// <summary>Returns the counted calls per API user on each of the given days.</summary>
    public IReadOnlyList<(DateOnly Day, IReadOnlyDictionary<string, long> Users)> Usage(IEnumerable<DateOnly> days)
    {
        lock (_lock)
        {
            return [.. days.Select(d => (d, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(UsersOn(d))))];
        }
    }

    private long CountOn(DateOnly day) => _usage.TryGetValue(day, out var users) ? users.Values.Sum() : 0;

    private Dictionary<string, long> UsersOn(DateOnly day)
    {
        if (!_usage.TryGetValue(day, out var users))
        {
            users = new Dictionary<string, long>(StringComparer.Ordinal);
            _usage[day] = users;
        }

        return users;
    }
}

/// <summary>A call admitted by <see cref="CallLimiter"/>, kept to refund it.</summary>
internal sealed record CallTicket(LinkedListNode<DateTimeOffset> Node, DateOnly Day, string ApiUser);
