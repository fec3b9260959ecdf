"""QR codes, printed plaques and label sheets for public records, and the visits that come from them."""
