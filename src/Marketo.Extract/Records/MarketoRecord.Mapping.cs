using System.Diagnostics.CodeAnalysis;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

public sealed partial class MarketoRecord
{
    /// <summary>Maps the record to a new instance of your own type.</summary>
    /// <typeparam name="T">
    /// A class, record or struct: with a public parameterless constructor and settable or init-only
    /// properties, or with a public constructor whose parameters are named like the fields (the one with the
    /// most parameters is used); properties not set by the constructor are set afterwards.
    /// </typeparam>
    /// <returns>The new instance.</returns>
    /// <remarks>
    /// <para>A member matches a field by its name or source name ignoring case, then ignoring case and
    /// underscores, so <c>FirstName</c>, <c>firstName</c> and <c>first_name</c> all match the field
    /// <c>first_name</c> read from column <c>firstName</c>. Unmatched members keep their default value and
    /// unmatched fields are ignored.</para>
    /// <para>Values convert without loss: between numeric types when they fit exactly, between
    /// <see cref="DateTimeOffset"/>, <see cref="DateTime"/> (UTC) and <see cref="DateOnly"/> when nothing is
    /// cut, from any value to <see cref="string"/>, and from text to an enum or a <see cref="Guid"/>.</para>
    /// <para>The mapping is compiled once per type and schema and then costs about as much as hand-written
    /// code.</para>
    /// </remarks>
    /// <exception cref="InvalidCastException">
    /// A value does not fit its member, for example a null for a <see cref="long"/> property or 12.5 for an
    /// <see cref="int"/>; the message names the field, the value and the member.
    /// </exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no public constructor.</exception>
    public T As<[DynamicallyAccessedMembers(MapperMembers.Required)] T>() => RecordMapper<T>.Map(Schema, _values);
}
