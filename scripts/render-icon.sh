#!/usr/bin/env bash
# Renders packaging/flowlab.svg to packaging/flowlab-256.png (the hicolor 256x256 icon that
# `cmake --install` puts next to the scalable one). Run it after changing the SVG; it
# uses Qt's own SVG renderer (qt6-svg-dev), which the app needs anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/render.cpp" <<'CPP'
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    const int size = QString::fromLocal8Bit(argv[3]).toInt();
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    svg.render(&painter);
    painter.end();
    return svg.isValid() && image.save(QString::fromLocal8Bit(argv[2]), "PNG") ? 0 : 1;
}
CPP
g++ -std=c++17 -fPIC "$work/render.cpp" -o "$work/render" $(pkg-config --cflags --libs Qt6Gui Qt6Svg)
QT_QPA_PLATFORM=offscreen "$work/render" packaging/flowlab.svg packaging/flowlab-256.png 256
echo "wrote packaging/flowlab-256.png"
