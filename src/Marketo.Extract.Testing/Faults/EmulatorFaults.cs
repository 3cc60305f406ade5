using Marketo.Extract.Testing.Internal;
using Marketo.Extract.Testing.Internal.Api;
using Marketo.Extract.Testing.Internal.Bulk;

namespace Marketo.Extract.Testing;

/// <summary>
/// Injects failures into the emulator, scripted or at random, to test how a client copes. Every member is
/// thread-safe and takes effect on the next call.
/// </summary>
/// <remarks>
/// Scripted faults fire on the calls an <see cref="EmulatorCallMatch"/> selects, a given number of times
/// (<see cref="int.MaxValue"/> for every matching call). When several faults match one call, their delays add up,
/// the first error or HTTP status wins, and the smallest cut-off applies. Injected errors are not counted against
/// the rate limit or the daily quota.
/// </remarks>
public sealed class EmulatorFaults
{
    /// <summary>The <c>errorMsg</c> of a job failed by <see cref="FailExports"/> unless another is given.</summary>
    public const string DefaultExportFailureMessage = "Export failed: internal error while writing the file";

    private readonly object _lock = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, long> _callNumbers = new(StringComparer.Ordinal);
    private readonly ExportEngine _exports;
    private readonly TokenService _tokens;
    private readonly TimeProvider _time;
    private readonly Queue<string> _exportFailures = new();
    private int _lostFiles;
    private EmulatorStormOptions? _storm;
    private Random? _stormRandom;

    internal EmulatorFaults(ExportEngine exports, TokenService tokens, TimeProvider time)
    {
        _exports = exports;
        _tokens = tokens;
        _time = time;
    }

    /// <summary>Makes matching calls fail with a Marketo error code in an HTTP 200 envelope.</summary>
    /// <param name="errorCode">The code, such as <c>"606"</c>, <c>"611"</c> or <c>"1029"</c>.</param>
    /// <param name="match">The calls to fail; <see langword="null"/> for any call but identity.</param>
    /// <param name="times">The number of calls to fail.</param>
    /// <param name="message">The error message; <see langword="null"/> for Marketo's usual message for the code.</param>
    public void ReturnError(string errorCode, EmulatorCallMatch? match = null, int times = 1, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        AddRule(match, times, new FaultDecision { ErrorCode = errorCode, ErrorMessage = message ?? ErrorMessages.For(errorCode) });
    }

    /// <summary>Makes matching calls fail with an HTTP status code (such as 500, 502 or 503) and a plain-text body.</summary>
    /// <param name="statusCode">The HTTP status code, 400 to 599.</param>
    /// <param name="match">The calls to fail; <see langword="null"/> for any call but identity.</param>
    /// <param name="times">The number of calls to fail.</param>
    public void ReturnHttpStatus(int statusCode, EmulatorCallMatch? match = null, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        AddRule(match, times, new FaultDecision { HttpStatusCode = statusCode });
    }

    /// <summary>Delays matching calls before they are served; the delay runs on the emulator's time provider.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="match">The calls to delay; <see langword="null"/> for any call but identity.</param>
    /// <param name="times">The number of calls to delay.</param>
    /// <remarks>With a fake time provider a delayed call waits until the test advances the clock, which lets a test hold calls in flight.</remarks>
    public void Delay(TimeSpan delay, EmulatorCallMatch? match = null, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        AddRule(match, times, new FaultDecision { Delay = delay });
    }

    /// <summary>Aborts the connection of matching calls after part of the response body was sent.</summary>
    /// <param name="afterBytes">The number of body bytes sent before the abort.</param>
    /// <param name="match">The calls to cut off; <see langword="null"/> for any call but identity. Usually a file endpoint.</param>
    /// <param name="times">The number of calls to cut off.</param>
    public void DropConnection(long afterBytes, EmulatorCallMatch? match = null, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        AddRule(match, times, new FaultDecision { DropAfterBytes = afterBytes });
    }

    /// <summary>Makes the next export jobs to finish processing end Failed with an <c>errorMsg</c> instead of Completed.</summary>
    /// <param name="count">The number of jobs to fail.</param>
    /// <param name="errorMessage">The <c>errorMsg</c> of the failed jobs.</param>
    public void FailExports(int count = 1, string errorMessage = DefaultExportFailureMessage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentException.ThrowIfNullOrEmpty(errorMessage);
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                _exportFailures.Enqueue(errorMessage);
            }
        }
    }

    /// <summary>Makes the next export jobs to complete show Completed while their file returns 404.</summary>
    /// <param name="count">The number of jobs whose file goes missing.</param>
    public void LoseExportFiles(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _lostFiles += count;
        }
    }

    /// <summary>Removes the file of a Completed job, so its status stays Completed while the file returns 404.</summary>
    /// <param name="exportId">The export id.</param>
    /// <exception cref="ArgumentException">No Completed job has that id.</exception>
    public void RemoveExportFile(string exportId)
    {
        ArgumentException.ThrowIfNullOrEmpty(exportId);
        if (!_exports.RemoveFile(exportId, _time.GetUtcNow()))
        {
            throw new ArgumentException($"No Completed export job has the id '{exportId}'.", nameof(exportId));
        }
    }

    /// <summary>
    /// Fills export queue slots with jobs of other integrations. They count towards the queue limit, and the first
    /// ones occupy the processing slots, so the caller's jobs wait in Queued.
    /// </summary>
    /// <param name="jobs">The number of phantom jobs.</param>
    /// <param name="duration">How long they stay, on the emulator's clock; <see langword="null"/> until <see cref="ReleaseExportQueue"/>.</param>
    public void OccupyExportQueue(int jobs, TimeSpan? duration = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobs);
        var now = _time.GetUtcNow();
        _exports.OccupyQueue(jobs, duration is null ? null : now + duration.Value, now);
    }

    /// <summary>Removes the phantom jobs added by <see cref="OccupyExportQueue"/>.</summary>
    public void ReleaseExportQueue() => _exports.ReleaseQueue(_time.GetUtcNow());

    /// <summary>Uses up today's export quota (America/Chicago day), as if other integrations had exported that much.</summary>
    public void ExhaustExportQuota() => _exports.ExhaustQuota(_time.GetUtcNow());

    /// <summary>Makes every access token expire after the given number of further authenticated calls, as a token that runs out mid-sync.</summary>
    /// <param name="calls">The number of calls that still succeed; the next one gets 602.</param>
    public void ExpireTokensAfter(int calls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        _tokens.ExpireAfter(calls);
    }

    /// <summary>Starts a storm of random faults; it replaces a running storm.</summary>
    /// <param name="options">The probabilities of each fault.</param>
    public void StartStorm(EmulatorStormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        lock (_lock)
        {
            _storm = options;
            _stormRandom = new Random(options.Seed);
        }
    }

    /// <summary>Stops the storm of random faults.</summary>
    public void StopStorm()
    {
        lock (_lock)
        {
            _storm = null;
            _stormRandom = null;
        }
    }

    /// <summary>Removes every scripted fault, stops the storm and restarts the call numbering. Phantom jobs, used quota and removed files stay.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _callNumbers.Clear();
            _exportFailures.Clear();
            _lostFiles = 0;
            _storm = null;
            _stormRandom = null;
        }

        _tokens.ExpireAfter(null);
    }

    internal EmulatorCall Describe(string method, string path, string endpoint, string? clientId)
    {
        lock (_lock)
        {
            _callNumbers.TryGetValue(endpoint, out long number);
            _callNumbers[endpoint] = ++number;
            return new EmulatorCall { Method = method, Path = path, Endpoint = endpoint, ClientId = clientId, CallNumber = number };
        }
    }

    internal FaultDecision Evaluate(EmulatorCall call, bool isFileDownload)
    {
        lock (_lock)
        {
            var decision = FaultDecision.None;
            foreach (var rule in _rules.Where(r => r.Match.Matches(call)).ToList())
            {
                if (rule.TryFire())
                {
                    decision = Combine(decision, rule.Action);
                }

                if (rule.Remaining == 0)
                {
                    _rules.Remove(rule);
                }
            }

            return call.Endpoint == EmulatorEndpoints.Identity ? decision : Combine(decision, DrawStorm(isFileDownload));
        }
    }

    internal string? TakeExportFailure()
    {
        lock (_lock)
        {
            if (_exportFailures.Count > 0)
            {
                return _exportFailures.Dequeue();
            }

            return _storm is not null && _stormRandom!.NextDouble() < _storm.ExportFailureProbability
                ? DefaultExportFailureMessage
                : null;
        }
    }

    internal bool TakeLostFile()
    {
        lock (_lock)
        {
            if (_lostFiles > 0)
            {
                _lostFiles--;
                return true;
            }

            return _storm is not null && _stormRandom!.NextDouble() < _storm.LostFileProbability;
        }
    }

    private FaultDecision DrawStorm(bool isFileDownload)
    {
        if (_storm is not { } storm)
        {
            return FaultDecision.None;
        }

        var random = _stormRandom!;
        var decision = FaultDecision.None;
        if (random.NextDouble() < storm.DelayProbability)
        {
            decision = decision with { Delay = storm.Delay };
        }

        if (random.NextDouble() < storm.ServerErrorProbability)
        {
            return decision with { HttpStatusCode = random.Next(2) == 0 ? 502 : 503 };
        }

        if (random.NextDouble() < storm.ErrorProbability)
        {
            string code = storm.ErrorCodes[random.Next(storm.ErrorCodes.Count)];
            return decision with { ErrorCode = code, ErrorMessage = ErrorMessages.For(code) };
        }

        if (isFileDownload && random.NextDouble() < storm.DropConnectionProbability)
        {
            return decision with { DropAfterBytes = random.Next(1, 64 * 1024) };
        }

        return decision;
    }

    private void AddRule(EmulatorCallMatch? match, int times, FaultDecision action)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        match ??= EmulatorCallMatch.AnyApiCall;
        ArgumentOutOfRangeException.ThrowIfNegative(match.AfterMatches);
        lock (_lock)
        {
            _rules.Add(new FaultRule(match, action, match.AfterMatches, times));
        }
    }

    private static FaultDecision Combine(FaultDecision current, FaultDecision next)
    {
        if (next.IsNone)
        {
            return current;
        }

        bool failureSet = current.ErrorCode is not null || current.HttpStatusCode is not null;
        return new FaultDecision
        {
            Delay = current.Delay + next.Delay,
            ErrorCode = failureSet ? current.ErrorCode : next.ErrorCode,
            ErrorMessage = failureSet ? current.ErrorMessage : next.ErrorMessage,
            HttpStatusCode = failureSet ? current.HttpStatusCode : next.HttpStatusCode,
            DropAfterBytes = (current.DropAfterBytes, next.DropAfterBytes) switch
            {
                (null, var b) => b,
                (var a, null) => a,
                var (a, b) => Math.Min(a!.Value, b!.Value),
            },
        };
    }

    private sealed class FaultRule(EmulatorCallMatch match, FaultDecision action, int skip, int times)
    {
        private int _skip = skip;

        public EmulatorCallMatch Match { get; } = match;

        public FaultDecision Action { get; } = action;

        public int Remaining { get; private set; } = times;

        public bool TryFire()
        {
            if (_skip > 0)
            {
                _skip--;
                return false;
            }

            if (Remaining != int.MaxValue)
            {
                Remaining--;
            }

            return true;
        }
    }
}
