using System.Text;

namespace Marketo.Extract.Cli;

/// <summary>
/// Standard output with its write failures marked as <see cref="StandardOutputException"/>, so that a full disk
/// or a closed pipe behind a redirect is not reported as a failure of the output folder or the state file.
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException exception)
        {
            throw new StandardOutputException(exception);
        }
    }
}
