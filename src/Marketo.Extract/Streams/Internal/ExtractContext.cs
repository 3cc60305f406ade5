using Marketo.Extract.Internal;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Streams.Internal;

/// <summary>What every stream reader of one extraction shares.</summary>
internal sealed class ExtractContext
{
    public required IMarketoClient Client { get; init; }

    public required RunStateStore States { get; init; }

    public required MarketoExtractOptions Options { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required ILogger Logger { get; init; }

    public required ExtractTracker Tracker { get; init; }

    /// <summary>Gets the current time in whole seconds, the precision of Marketo's filters.</summary>
    public DateTimeOffset UtcNowInSeconds() => MarketoDateTime.TruncateToSeconds(TimeProvider.GetUtcNow());
}
