using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>The client, validated options, clock and logger that every job and download of one caller shares.</summary>
internal sealed record BulkExportContext(
    IMarketoClient Client,
    BulkExportOptions Options,
    TimeProvider TimeProvider,
    ILogger Logger)
{
    /// <summary>Checks the arguments of a public entry point and fills in the defaults.</summary>
    internal static BulkExportContext Create(
        IMarketoClient client, BulkExportOptions? options, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new BulkExportContext(
            client,
            (options ?? new BulkExportOptions()).ToValidatedCopy(),
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger.Instance);
    }
}
