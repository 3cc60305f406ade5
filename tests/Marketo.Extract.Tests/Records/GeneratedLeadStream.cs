using System.Globalization;
using System.Text;

namespace Marketo.Extract.Tests.Records;

/// <summary>
/// A read-only stream that produces a lead export of the given number of rows on the fly, so that a large
/// file is decoded without being held in memory or on disk.
/// </summary>
internal sealed class GeneratedLeadStream : Stream
{
    private const string Header =
        "id,email,firstName,lastName,score,percentComplete,revenue,rating,isActive,birthDate,updatedAt,notes\n";

    private readonly int _rowCount;
    private readonly StringBuilder _text = new();
    private byte[] _pending = Encoding.UTF8.GetBytes(Header);
    private int _pendingOffset;
    private int _nextRow = 1;

    public GeneratedLeadStream(int rowCount) => _rowCount = rowCount;

    /// <summary>Gets the largest number of bytes one read asked for.</summary>
    public int LargestRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        LargestRead = Math.Max(LargestRead, buffer.Length);
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingOffset == _pending.Length && !GenerateRows())
            {
                break;
            }

            var count = Math.Min(buffer.Length - written, _pending.Length - _pendingOffset);
            _pending.AsSpan(_pendingOffset, count).CopyTo(buffer[written..]);
            _pendingOffset += count;
            written += count;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool GenerateRows()
    {
        if (_nextRow > _rowCount)
        {
            return false;
        }

        _text.Clear();
        for (var i = 0; i < 100 && _nextRow <= _rowCount; i++, _nextRow++)
        {
            var row = _nextRow;
            _text.Append(row).Append(",lead").Append(row).Append("@example.com,First").Append(row)
                .Append(",\"Last, ").Append(row).Append("\",").Append(row % 100).Append(',').Append(row % 7).Append(".5,")
                .Append(row).Append(".25,").Append(row % 10).Append(".125,").Append(row % 2 == 0 ? "true" : "false")
                .Append(",2020-01-").Append(((row % 28) + 1).ToString("00", CultureInfo.InvariantCulture))
                .Append(",2024-02-03T04:05:06Z,").Append(row % 3 == 0 ? "null" : "\"some \"\"notes\"\"\"").Append('\n');
        }

        _pending = Encoding.UTF8.GetBytes(_text.ToString());
        _pendingOffset = 0;
        return true;
    }
}
