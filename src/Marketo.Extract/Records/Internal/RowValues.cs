using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Marketo.Extract.Records.Internal;

/// <summary>Writes the values of the row being decoded.</summary>
internal static class RowValues
{
    /// <summary>
    /// Stores a value at an ordinal. The decoders create the values as <c>object?[]</c>, never as an array of a
    /// derived type, so this leaves out the type check of a plain array store, which is a helper call per value.
    /// The bounds check stays.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(object?[] values, int ordinal, object? value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)ordinal, (uint)values.Length, nameof(ordinal));
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(values), ordinal) = value;
    }
}
