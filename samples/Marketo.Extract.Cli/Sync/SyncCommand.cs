using Microsoft.Extensions.Logging;
using Marketo.Extract.Cli.Output;
using Marketo.Extract.Cli.Terminal;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Sync;

/// <summary>
/// Runs <c>marketo-extract sync</c>: extracts the selected streams into one file per stream and keeps the cursors in
/// a state file, so the next run reads only what changed.
/// </summary>
/// <remarks>
/// <para>
/// The work runs in an order that makes bad input fail before anything is written. First come the configuration, the
/// output folder (created, locked, checked for writing) and the state file (read and checked). Then the stream list
/// from Marketo, where every requested stream must exist and every stream id must be a safe file name. Only then
/// does the extraction start.
/// </para>
/// <para>
/// Output and state: the records of each stream go to a temporary file (see <see cref="StreamFile"/>), which is
/// renamed over the stream's file when the stream ends: a fixed stream when the next stream starts, the activity
/// streams (read together, window by window) when the extraction ends. The cursor is written to the state file only
/// after that rename (see <see cref="OutputGatedCursorStore"/>), so the state never gets ahead of the output, while
/// export job ids are written at once. An interrupted or failed run leaves every stream it had not finished exactly
/// as before: its file untouched, its cursor unmoved, its export jobs saved for the next run to resume.
/// </para>
/// </remarks>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(CliHost host, SyncArguments arguments, CancellationToken cancellationToken)
    {
        await using var session = await MarketoSession.OpenAsync(host, arguments.Common, cancellationToken);
        using var folder = OutputFolder.Open(arguments.OutputFolder);
        try
        {
            folder.CheckFormat(arguments.Format);
            return await RunInFolderAsync(host, arguments, session, folder, cancellationToken);
        }
        catch
        {
            // A run that fails before writing anything, such as one with wrong credentials, leaves no empty folder.
            folder.DeleteIfCreatedAndUnused();
            throw;
        }
    }

    private static async Task<int> RunInFolderAsync(
        CliHost host,
        SyncArguments arguments,
        MarketoSession session,
        OutputFolder folder,
        CancellationToken cancellationToken)
    {
        var statePath = Path.GetFullPath(arguments.StatePath ?? Path.Combine(folder.FullPath, "state.json"));
        using var stateFile = await LockedStateFile.OpenAsync(statePath, cancellationToken);
        session.WriteEmulatorNotice("extracting from");
        var clock = session.CreateExtractorClock(stateFile.SavedStates.Values.Any(state => state.Cursor is not null));

        // With --verbose, log lines go to the same terminal, so plain lines replace the status line they would break.
        var progress = new SyncProgress(host.Out, host.IsInteractive && !arguments.Common.Verbose);
        var options = CreateOptions(session, arguments);
        options.Bulk.Progress = progress;
        host.ConfigureExtract?.Invoke(options);
        using var gatedStore = new OutputGatedCursorStore(stateFile.Store, arguments.FullRefresh);
        var extractor = new MarketoExtractor(
            session.Client, gatedStore, options, clock, session.LoggerFactory.CreateLogger<MarketoExtractor>());
        var streams = await SelectStreamsAsync(extractor, arguments.Streams, cancellationToken);
        if (!arguments.FullRefresh)
        {
            var withCursor = streams
                .Where(stream => stateFile.SavedStates.TryGetValue(stream.Id, out var state) && state.Cursor is not null)
                .ToList();
            RejectMissingOutput(folder, arguments.Format, statePath, withCursor);
            WarnIfStartDateUnused(host, arguments, statePath, withCursor);
        }

        var run = new SyncRun(folder, arguments, streams, gatedStore, progress);
        try
        {
            await using (run)
            {
                await run.ExecuteAsync(extractor, cancellationToken);
            }
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The extraction has cancelled its open jobs by now, so the state file shows what the next run resumes.
            progress.Finish();
            throw await InterruptedAsync(stateFile.Store, progress.CancelledJobs, session.UsesBuiltInEmulator, exception);
        }

        progress.Finish();
        SummaryTable.Write(host.Out, extractor.LastSummary!, run.CommittedFiles);
        host.Out.WriteLine($"State: {statePath}");
        return ExitCodes.Success;
    }

    /// <summary>Builds the line of an interrupted run: what was kept, which export jobs stay saved, which were cancelled.</summary>
    private static async Task<CliException> InterruptedAsync(
        JsonFileCursorStore stateFile,
        int cancelledJobs,
        bool builtInEmulator,
        OperationCanceledException exception)
    {
        var states = await stateFile.LoadAllAsync(CancellationToken.None);
        var savedJobs = states.Values.SelectMany(state => state.PendingExports).Select(export => export.ExportId)
            .Distinct(StringComparer.Ordinal).Count();
        var saved = savedJobs switch
        {
            0 => "No export job is left to resume.",
            1 => $"1 export job stays saved in {stateFile.FilePath}; the next run of the same command resumes it",
            _ => $"{savedJobs} export jobs stay saved in {stateFile.FilePath}; the next run of the same command " +
                "resumes them",
        };
        if (savedJobs > 0)
        {
            saved += " and downloads the file of a completed job again without a new export.";
        }

        if (savedJobs > 0 && builtInEmulator)
        {
            saved += " The built-in emulator starts afresh on each run, though, so there the next run creates new jobs.";
        }

        var cancelled = cancelledJobs switch
        {
            0 => string.Empty,
            1 => " 1 export job still queued or processing was cancelled on Marketo; the next run exports its date " +
                "range again.",
            _ => $" {cancelledJobs} export jobs still queued or processing were cancelled on Marketo; the next run " +
                "exports their date ranges again.",
        };
        return new CliException(
            ExitCodes.Cancelled,
            "Interrupted. Output committed before the interruption is saved with its cursors; every other file and " +
            $"cursor is as before. {saved}{cancelled}",
            exception);
    }

    private static MarketoExtractOptions CreateOptions(MarketoSession session, SyncArguments arguments) => new()
    {
        StartDate = session.Settings.StartDate,
        WindowInDays = session.Settings.WindowInDays,
        FullRefresh = arguments.FullRefresh,
        Bulk = new Bulk.BulkExportOptions
        {
            PollInterval = session.Settings.PollInterval,
            JobTimeout = session.Settings.JobTimeout,
        },
    };

    /// <summary>
    /// Lists the streams from Marketo and returns the selected ones, checking that each exists and that each id can
    /// name a file.
    /// </summary>
    /// <summary>
    /// Rejects a run where a stream with a saved cursor has no output file, because the run would read only what
    /// changed after the cursor, and the records before it, which that file contained, would be missing.
    /// </summary>
    private static void RejectMissingOutput(
        OutputFolder folder,
        OutputFormat format,
        string statePath,
        List<StreamDescriptor> withCursor)
    {
        var missing = withCursor
            .Select(stream => StreamFileName.Of(stream.Id, format))
            .Where(name => !File.Exists(Path.Combine(folder.FullPath, name)))
            .ToList();
        if (missing.Count > 0)
        {
            throw CliException.Usage(
                $"The state file '{statePath}' has a cursor for {missing[0]}" +
                $"{(missing.Count > 1 ? $" and {missing.Count - 1} more" : string.Empty)}, but the output folder " +
                $"'{folder.FullPath}' has no such file, so this run would write only the records changed since the " +
                "last sync; put the file back, or run with --full-refresh to read those streams from the start.");
        }
    }

    /// <summary>
    /// Warns when <c>--start-date</c> is given but streams continue from saved cursors, for which it changes nothing.
    /// </summary>
    private static void WarnIfStartDateUnused(
        CliHost host,
        SyncArguments arguments,
        string statePath,
        List<StreamDescriptor> withCursor)
    {
        if (arguments.Common.StartDate is not null && withCursor.Count > 0)
        {
            host.HeldWarnings.Enqueue(
                $"--start-date was not used by the {withCursor.Count} streams that continued from their cursors in " +
                $"'{statePath}'; it applies only to incremental streams without one. Run with --full-refresh to read " +
                "them again from the start date.");
        }
    }

    private static async Task<IReadOnlyList<StreamDescriptor>> SelectStreamsAsync(
        MarketoExtractor extractor,
        IReadOnlyList<string>? requested,
        CancellationToken cancellationToken)
    {
        var streams = await extractor.DiscoverAsync(cancellationToken);
        var byId = streams.ToDictionary(stream => stream.Id, StringComparer.Ordinal);
        if (requested is not null)
        {
            var unknown = requested.Where(id => !byId.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                throw CliException.Usage(
                    $"Unknown {(unknown.Count == 1 ? "stream" : "streams")} " +
                    $"{string.Join(", ", unknown.Select(id => $"'{StreamFileName.Printable(id)}'"))}; " +
                    "run 'marketo-extract discover' to list the streams of this instance.");
            }
        }

        var selected = requested is null ? streams : [.. requested.Distinct(StringComparer.Ordinal).Select(id => byId[id])];
        foreach (var stream in selected)
        {
            if (StreamFileName.Check(stream.Id) is { } reason)
            {
                throw new CliException(
                    ExitCodes.Failure,
                    $"Stream id '{StreamFileName.Printable(stream.Id)}' from Marketo {reason}, so it cannot name an output " +
                    "file; leave it out with --streams (run 'marketo-extract discover' to list the others).");
            }
        }

        return selected;
    }
}
