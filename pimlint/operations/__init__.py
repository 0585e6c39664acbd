"""Operations: activation requests rebuilt from the PIM audit log, the review window, business hours, KPIs."""
