namespace Marketo.Extract.Records;

/// <summary>
/// An activity attribute that appeared in the data although the activity type does not declare it.
/// </summary>
/// <param name="SchemaName">The stream id of the activity type's schema.</param>
/// <param name="AttributeName">The attribute name as written in the <c>attributes</c> column.</param>
/// <param name="Count">The number of rows that carried it.</param>
/// <param name="FirstRowNumber">The 1-based data row where it appeared first.</param>
public sealed record UndeclaredAttributeCount(string SchemaName, string AttributeName, long Count, long FirstRowNumber);
