using System.Text;
using System.Text.Json;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Output;

/// <summary>
/// The output file of one stream during a run: records go to a temporary file in the output folder, and
/// <see cref="CommitAsync"/> renames it over the stream's file in one atomic step.
/// </summary>
/// <remarks>
/// A stream read incrementally appends: its temporary file starts as a copy of the current file, so the rename swaps
/// the old content for old plus new records at once. A stream read whole replaces its file. Until the rename the
/// stream's file is untouched, and the temporary file is hidden and named <c>*.partial</c>, so an interrupted run
/// never leaves a file that looks complete but is not.
/// </remarks>
internal sealed class StreamFile : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly bool _replace;
    private readonly CsvRecordFormatter? _csv;
    private FileStream? _temporary;
    private string? _temporaryPath;
    private Utf8JsonWriter? _json;
    private JsonLinesWriter? _lines;
    private StreamWriter? _text;

    public StreamFile(string streamId, string path, bool replace, CsvRecordFormatter? csv)
    {
        StreamId = streamId;
        FilePath = path;
        _replace = replace;
        _csv = csv;
    }

    public string StreamId { get; }

    public string FilePath { get; }

    public long RecordsWritten { get; private set; }

    public bool IsCommitted { get; private set; }

    public async ValueTask WriteAsync(IReadOnlyList<ExtractedRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await OpenAsync(cancellationToken);
        foreach (var record in records)
        {
            if (_csv is not null)
            {
                await _text!.WriteAsync(_csv.FormatRow(record).AsMemory(), cancellationToken);
            }
            else if (record.Value is MarketoRecord exported)
            {
                // Leads and activities, the large streams, take the library's JSON Lines writer, which is faster
                // than a Utf8JsonWriter per record.
                _lines ??= new JsonLinesWriter(_temporary!, leaveOpen: true);
                await _lines.WriteAsync(exported, cancellationToken);
            }
            else
            {
                await FlushLinesAsync(cancellationToken);
                record.WriteTo(_json!);
                _json!.Flush();
                _json.Reset();
                _temporary!.WriteByte((byte)'\n');
            }

            RecordsWritten++;
        }
    }

    /// <summary>Makes the records written so far the stream's file; creates an empty file for a new stream with none.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_temporary is null && !_replace && File.Exists(FilePath))
        {
            IsCommitted = true;
            return;
        }

        await OpenAsync(cancellationToken);
        await FlushLinesAsync(cancellationToken);
        if (_text is not null)
        {
            await _text.FlushAsync(cancellationToken);
        }

        _temporary!.Flush(flushToDisk: true);
        await CloseAsync();
        File.Move(_temporaryPath!, FilePath, overwrite: true);
        _temporaryPath = null;
        IsCommitted = true;
    }

    /// <summary>Deletes the temporary file, leaving the stream's file as it was before the run.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (_temporaryPath is not null)
        {
            File.Delete(_temporaryPath);
            _temporaryPath = null;
        }
    }

    private async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_temporary is not null)
        {
            return;
        }

        _temporary = OutputFolder.CreateTemporaryFile(FilePath, out var temporaryPath);
        _temporaryPath = temporaryPath;
        var hasOldContent = !_replace && File.Exists(FilePath);
        if (hasOldContent)
        {
            await CopyOldContentAsync(cancellationToken);
        }

        if (_csv is not null)
        {
            _text = new StreamWriter(_temporary, Utf8, 1 << 16, leaveOpen: true);
            if (_temporary.Length == 0)
            {
                await _text.WriteAsync(_csv.Header.AsMemory(), cancellationToken);
            }
        }
        else
        {
            _json = new Utf8JsonWriter(_temporary, JsonLinesFile.WriterOptions);
        }
    }

    private async Task CopyOldContentAsync(CancellationToken cancellationToken)
    {
        var old = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (old)
        {
            if (_csv is not null && old.Length > 0)
            {
                await CheckCsvHeaderAsync(old, cancellationToken);
            }

            await old.CopyToAsync(_temporary!, cancellationToken);
        }

        if (_temporary!.Length > 0 && !EndsWithNewline(_temporary))
        {
            // A file edited by hand may lack its last line break; the next record must not join that line.
            _temporary.WriteByte((byte)'\n');
        }
    }

    private async Task CheckCsvHeaderAsync(FileStream old, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(old, Utf8, detectEncodingFromByteOrderMarks: false, 1 << 12, leaveOpen: true);
        var header = await reader.ReadLineAsync(cancellationToken);
        if (header + "\r\n" != _csv!.Header)
        {
            throw new CliException(
                ExitCodes.Failure,
                $"The columns of '{FilePath}' differ from the fields of stream '{StreamId}' now (a field was added or " +
                "removed in Marketo); sync into a new --out folder, or use --full-refresh to rewrite the file.");
        }

        old.Position = 0;
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        stream.Position = stream.Length - 1;
        var last = stream.ReadByte();
        stream.Position = stream.Length;
        return last == '\n';
    }

    /// <summary>Writes the lines the JSON Lines writer still buffers, so that what follows lands after them.</summary>
    private async Task FlushLinesAsync(CancellationToken cancellationToken)
    {
        if (_lines is not null)
        {
            await _lines.FlushAsync(cancellationToken);
        }
    }

    private async ValueTask CloseAsync()
    {
        if (_lines is not null)
        {
            // The writer leaves the temporary file open; it is closed below, after the writer's last lines.
            await _lines.DisposeAsync();
            _lines = null;
        }

        if (_json is not null)
        {
            await _json.DisposeAsync();
            _json = null;
        }

        if (_text is not null)
        {
            await _text.DisposeAsync();
            _text = null;
        }

        if (_temporary is not null)
        {
            await _temporary.DisposeAsync();
            _temporary = null;
        }
    }
}
