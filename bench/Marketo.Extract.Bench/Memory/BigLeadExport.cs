namespace Marketo.Extract.Bench.Memory;

/// <summary>A lead export of a given size, made by repeating the data rows of a generated one after its header.</summary>
internal static class BigLeadExport
{
    public static (string Path, long Records) Ensure(string source, int sourceRows, long minimumBytes)
    {
        using var input = File.OpenRead(source);
        var headerLength = 0;
        while (input.ReadByte() is var next && next != '\n' && next >= 0)
        {
            headerLength++;
        }

        headerLength++;
        var rowsLength = input.Length - headerLength;
        var copies = (int)Math.Ceiling((minimumBytes - headerLength) / (double)rowsLength);
        var path = Path.Combine(Path.GetDirectoryName(source)!, $"leads-{sourceRows}x{copies}.csv");
        if (!File.Exists(path))
        {
            Console.WriteLine($"writing {path} ...");
            using (var output = File.Create(path + ".tmp"))
            {
                for (var i = 0; i <= copies; i++)
                {
                    input.Position = i == 0 ? 0 : headerLength;
                    var length = i == 0 ? headerLength : rowsLength;
                    CopyBytes(input, output, length);
                }
            }

            File.Move(path + ".tmp", path);
        }

        return (path, (long)sourceRows * copies);
    }

    private static void CopyBytes(Stream input, Stream output, long length)
    {
        var buffer = new byte[1 << 20];
        while (length > 0)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read == 0)
            {
                throw new EndOfStreamException("The source export ended early.");
            }

            output.Write(buffer, 0, read);
            length -= read;
        }
    }
}
