// Words that carry no question on their own in a rubric phrase (they still count inside an
// exact phrase). What questions are about in other words is the clinical lexicon in
// src/lexicon (concepts.json, intents.json).

/** Words too common to carry a question on their own; they still count inside exact phrases. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'and', 'or', 'but',
  'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'can', 'could',
  'would', 'will', 'should', 'may', 'you', 'your', 'youre', 'yours', 'i', 'me', 'my', 'we', 'us', 'it', 'its',
  'this', 'that', 'these', 'those', 'there', 'any', 'some', 'ever', 'so', 'just', 'please', 'tell', 'okay', 'ok',
]);
