// The UMD bundle of `adaptivecards` (loadable in Node without a DOM) ships a global-module .d.ts; the typed API is
// taken from 'adaptivecards' itself (see test/cards/adaptiveCardCheck.ts).
declare module 'adaptivecards/dist/adaptivecards.js' {
  const adaptiveCards: unknown;
  export default adaptiveCards;
}
